package org.ams.authz;

/** How a rule's target relates to the computer a decision is about. */
public enum TargetMatch {
    THE_COMPUTER_ITSELF,
    STATIC_GROUP_OF_THE_COMPUTER,
    ALL_DEVICES_GROUP_OF_ITS_TENANT,
    DIRECTORY_OF_THE_COMPUTER,
    TENANT_OF_THE_COMPUTER,
    /** Only in {@link AuthorizationDecisions#explain}: the rule names the user but is about other computers. */
    DOES_NOT_CONTAIN_THE_COMPUTER;

    public boolean contains() {
        return this != DOES_NOT_CONTAIN_THE_COMPUTER;
    }
}
