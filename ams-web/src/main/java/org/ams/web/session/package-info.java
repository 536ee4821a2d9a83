/** Signing in and out, and the signed-in user as the pages show them. */
package org.ams.web.session;
