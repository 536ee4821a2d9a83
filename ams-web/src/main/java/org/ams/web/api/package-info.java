/** The JAX-RS API under {@code /api}: thin resources that check a request, call one service and map the answer. */
package org.ams.web.api;
