package org.ams.platform;

/**
 * Fired (synchronously) once the schema is up to date, before the server reports ready: components that must put
 * something into a fresh database observe it, so that the platform needs to know none of them. An observer that
 * throws makes the start-up attempt fail like a migration that failed, and it is retried.
 */
public record DatabaseMigrated() {
}
