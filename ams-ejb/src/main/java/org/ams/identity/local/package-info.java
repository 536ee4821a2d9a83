/**
 * AMS's own accounts and groups, the identity source that works when every directory is down.
 * <ul>
 * <li>{@link org.ams.identity.local.LocalAccount} (slow, salted password hashes, checked against the
 * {@link org.ams.identity.local.PasswordPolicy}) and {@link org.ams.identity.local.LocalAccountService}.</li>
 * <li>{@link org.ams.identity.local.LocalGroup} and {@link org.ams.identity.local.LocalGroupService}.</li>
 * <li>{@link org.ams.identity.local.LocalIdentitySource}, the {@link org.ams.identity.IdentitySource} over both.</li>
 * <li>The first-start administrator account ({@link org.ams.identity.local.AdministratorBootstrap}).</li>
 * </ul>
 * Depends on the parent package (principals, roles and their grants), {@code platform} and {@code audit} (every
 * administrative change is recorded); on neither of the other identity sub-packages.
 */
package org.ams.identity.local;
