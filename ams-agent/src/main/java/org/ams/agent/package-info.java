/**
 * The AMS agent that runs on each Windows device: its command line. Plain Java 17 with no application-server
 * dependency; shares only {@code ams-protocol} with the server.
 */
package org.ams.agent;
