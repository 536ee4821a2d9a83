/**
 * {@code /metrics}: the registry of {@code org.ams.metrics} in the Prometheus text format, for scrapers from the
 * addresses the setting {@value org.ams.web.metrics.MetricsAccess#SETTING} allows, and for scrapers with an API token
 * of scope READ_METRICS (README, Monitoring).
 */
package org.ams.web.metrics;
