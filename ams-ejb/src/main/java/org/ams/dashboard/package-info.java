/**
 * The administrator's dashboard: how many devices stand in each state, which approved devices have a recovery key in
 * AMS and which have none, which went quiet, how many keys were escrowed per day, which access requests were denied
 * lately, which key rotations wait for their device or failed, and whether every escrowed key still opens. Every
 * figure is one aggregate query over the database (COUNT, SUM, GROUP BY, EXISTS) and every list a few rows read in
 * index order; no device list is ever loaded to count it, so the page stays fast with tens of thousands of devices.
 * <p>
 * Read-only. Depends on {@code devices}, {@code escrow}, {@code audit} and the action names of {@code access}; nothing
 * depends on it but the web tier.
 */
package org.ams.dashboard;
