package org.ams.agents;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;

/** Keeps the replay cache small: assertion ids are useless once their assertions have expired. */
@Singleton
public class ExpiredAssertionSweeper {

    @EJB
    private DeviceAuthenticator authenticator;

    @Schedule(minute = "*/5", hour = "*", persistent = false)
    void sweep() {
        authenticator.forgetExpired();
    }
}
