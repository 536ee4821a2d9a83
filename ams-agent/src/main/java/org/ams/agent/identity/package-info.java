/**
 * Who the device is to the server: its own key pair, made on the device and never sent anywhere but as a public key,
 * and the short-lived signed assertions that authenticate every request after registration.
 */
package org.ams.agent.identity;
