/** MicroProfile Health checks that tell operators and load balancers whether this server can take requests. */
package org.ams.web.health;
