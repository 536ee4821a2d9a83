/**
 * The self-service recovery page ({@code /recover}): a device's own user reads its recovery password by the key ID
 * its recovery screen shows. Depends on {@code org.ams.access} and on the helpdesk page's reading aid.
 */
package org.ams.web.recover;
