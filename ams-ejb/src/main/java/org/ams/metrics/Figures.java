package org.ams.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * What the database said at one moment, for the gauges. Counts by state hold every state, zeros included; times
 * are {@code null} where there is nothing to date (no pending notification, no check-in yet).
 *
 * @param devicesByState           devices per {@code DeviceState} name
 * @param lastCheckIn              the newest check-in of an approved device
 * @param keysByState              escrowed recovery passwords per {@code KeyState} name
 * @param unreadableSecrets        escrowed keys whose sealed secret the server could not open at the last check
 * @param verificationFinished     when the last escrow verification finished
 * @param verificationChecked      keys it checked
 * @param verificationUnreadable   keys it found unreadable
 * @param openRotationsByState     key rotations waiting for their device, per open {@code RotationRequest.State}
 * @param oldestOpenRotation       when the oldest of them was asked for
 * @param failedRotations          failed rotations of keys still current
 * @param certificateRotationLeft  secrets a running certificate rotation has still to re-encrypt (0 when none runs)
 * @param outboxPending            notifications waiting for delivery
 * @param oldestPending            when the oldest of them was queued
 * @param outboxFailed             notifications given up on
 * @param forwardingEnabled        whether audit forwarding is on
 * @param forwardingBacklog        committed audit records the receiver has not taken (0 while forwarding is off)
 * @param oldestUnforwarded        when the oldest of them was recorded
 * @param forwardingFailures       failed sends in a row
 */
public record Figures(Instant readAt, Map<String, Long> devicesByState, Instant lastCheckIn,
                      Map<String, Long> keysByState, long unreadableSecrets, Instant verificationFinished,
                      long verificationChecked, long verificationUnreadable, Map<String, Long> openRotationsByState,
                      Instant oldestOpenRotation, long failedRotations, long certificateRotationLeft,
                      long outboxPending, Instant oldestPending, long outboxFailed, boolean forwardingEnabled,
                      long forwardingBacklog, Instant oldestUnforwarded, int forwardingFailures) {

    public Figures {
        devicesByState = Map.copyOf(devicesByState);
        keysByState = Map.copyOf(keysByState);
        openRotationsByState = Map.copyOf(openRotationsByState);
    }
}
