package io.sam6d.model.servers;

import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /api/v1/servers/status}: every compute server (ISM, PEM, render) and its replicas, checked in parallel.
 *
 * @param servers         {@code ism}, {@code pem}, {@code render}
 * @param overallStatus   {@code healthy} (every service has a healthy replica), {@code degraded} (some do),
 *                        {@code unhealthy} (none does)
 * @param healthyServers  services with at least one healthy replica
 * @param totalServers    services monitored (3)
 * @param checkedAt       when this answer was put together (answers are cached briefly; {@code fresh=true} skips it)
 * @param autoStart       what {@code AUTO_START_DEPENDENCIES} did at start-up
 */
public record ServersStatusResponse(Map<String, ServiceStatus> servers, String overallStatus, int healthyServers,
        int totalServers, int healthyReplicas, int totalReplicas, Instant checkedAt, AutoStartReport autoStart) {
}
