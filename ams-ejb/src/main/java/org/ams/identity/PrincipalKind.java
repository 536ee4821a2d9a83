package org.ams.identity;

/** Whether a principal is one person's account or a group of them. */
public enum PrincipalKind {
    USER,
    GROUP
}
