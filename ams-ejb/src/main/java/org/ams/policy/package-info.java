/**
 * Agent policies: per operating system one default policy and an ordered list of custom policies that target
 * tenants, directories, device groups or single computers. For a device the first enabled custom policy whose
 * targets contain it wins, otherwise the default applies; the result is what the agent is told at check-in and what
 * the server enforces when keys are uploaded.
 * <p>
 * Depends on {@code devices} (targets and where a device sits), {@code audit} and {@code security} (role names).
 * The agent component asks it for a device's effective policy.
 */
package org.ams.policy;
