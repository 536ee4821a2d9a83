/**
 * The ground every component stands on: where AMS keeps its data, how it is configured, which database it talks to and
 * the versioned schema migrations that must have run before anything else touches that database; and the
 * one-pass-at-a-time runner the background workers share ({@link org.ams.platform.CoalescingRunner}); the one
 * HTML escaping every module uses for markup it writes itself ({@link org.ams.platform.Html}).
 * <p>
 * May be used by every other component; depends on none of them: a finished migration is announced as an event
 * ({@link org.ams.platform.DatabaseMigrated}) that, for example, the identity component's administrator bootstrap
 * observes.
 */
package org.ams.platform;
