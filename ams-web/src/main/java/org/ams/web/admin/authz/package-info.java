/** Backing beans of the pages under {@code admin/authz}: authorization rules and the effective-access tool. */
package org.ams.web.admin.authz;
