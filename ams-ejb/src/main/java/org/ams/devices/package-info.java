/**
 * The device directory: tenants, their directories (the built-in AMS directory holds the devices that registered
 * through the agent), device groups and devices. Policies and authorization rules target a tenant, a directory, a
 * device group or one computer, so the hierarchy is explicit here.
 * <p>
 * Depends on {@code platform} and {@code audit}. The agent and escrow components build on it.
 */
package org.ams.devices;
