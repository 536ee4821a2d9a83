/** Backing beans of the pages under {@code admin/agent/policies}: agent policies per platform. */
package org.ams.web.admin.agent.policies;
