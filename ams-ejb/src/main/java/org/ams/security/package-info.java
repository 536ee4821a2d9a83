/**
 * The role names every component's EJBs declare their callers with ({@link org.ams.security.RoleNames}). A leaf: it
 * depends on nothing and holds nothing but constants, so that any component may import it without coming to depend
 * on the identity component (which grants the roles) or on another component through it.
 */
package org.ams.security;
