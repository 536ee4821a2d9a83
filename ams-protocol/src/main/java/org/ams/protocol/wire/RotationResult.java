package org.ams.protocol.wire;

/**
 * How one rotation the server asked for ended, reported at the agent's next check-in
 * ({@link CheckInRequest#rotationResults()}).
 * <ul>
 *   <li>{@code protectorId}: the protector the server asked to replace (from
 *       {@link CheckInResponse#rotateProtectorIds()}).</li>
 *   <li>{@code newProtectorId}: the protector that replaced it; {@code null} when the rotation failed before one was
 *       added.</li>
 *   <li>{@code outcome}: {@value #DONE} (the server acknowledged the new key and the old protector is gone from the
 *       volume) or {@value #FAILED}.</li>
 *   <li>{@code failedStep}: for {@value #FAILED}, where it stopped, which tells the server what the volume holds:
 *       {@value #STEP_NOT_ON_DEVICE} (no recovery-password protector with that id on this device: it is another type
 *       of protector or unknown; nothing changed), {@value #STEP_NOT_ALLOWED} (the device's policy does not back up
 *       this drive type; nothing changed), {@value #STEP_ADD} (BitLocker refused to add a protector; nothing
 *       changed), {@value #STEP_READ} (a protector was added but its password could not be read, failed the checksum
 *       or could not be sealed; the old one stays), {@value #STEP_UPLOAD} (the server refused the new key; the old
 *       one stays, the new one is escrowed as an ordinary key at a later check-in), {@value #STEP_DELETE} (the server
 *       holds the new key, BitLocker refused to delete the old protector, which stays on the volume). {@code null}
 *       for {@value #DONE}.</li>
 *   <li>{@code reason}: the agent's sentence for a person (with BitLocker's return code where it gave one); never a
 *       password. {@code null} for {@value #DONE}.</li>
 *   <li>{@code completedAt}: when the agent finished, ISO-8601 in UTC (e.g. {@code 2026-12-03T10:15:30Z}).</li>
 * </ul>
 */
public record RotationResult(String protectorId, String newProtectorId, String outcome, String failedStep,
                             String reason, String completedAt) {

    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    public static final String STEP_NOT_ON_DEVICE = "NOT_ON_DEVICE";
    public static final String STEP_NOT_ALLOWED = "NOT_ALLOWED";
    public static final String STEP_ADD = "ADD";
    public static final String STEP_READ = "READ";
    public static final String STEP_UPLOAD = "UPLOAD";
    public static final String STEP_DELETE = "DELETE";
}
