/**
 * The web tier: Faces pages and their backing beans, the JAX-RS API, health checks and the web security
 * configuration. Depends on the EJB module's services; holds no business rules and never touches an EntityManager.
 */
package org.ams.web;
