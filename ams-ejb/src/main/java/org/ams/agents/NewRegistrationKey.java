package org.ams.agents;

/** A registration key just created: {@code key} is its only appearance in clear; the page shows it once. */
public record NewRegistrationKey(RegistrationKey registrationKey, String key) {

    @Override
    public String toString() {
        return "NewRegistrationKey[" + registrationKey.getName() + "]";
    }
}
