package io.sam6d.model.servers;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One compute service. The top-level fields describe the replica that calls go to first (a healthy one when there
 * is one); {@code replicas} lists all of them in that order.
 *
 * @param url             base URL of the replica answering
 * @param status          {@code healthy} when a replica is healthy, else {@code unhealthy} when one answered,
 *                        else {@code unreachable}
 * @param responseTimeMs  that replica's health check round trip in ms, null when it did not answer
 * @param errorRate       failed share (0-1) of main-server's calls to this service over {@code errorWindowS}
 * @param calls           main-server's calls to this service over the window
 * @param errorWindowS    the window, in seconds
 */
public record ServiceStatus(String url, String status, Long responseTimeMs, Instant lastCheck,
        Map<String, Object> engine, Map<String, Object> modelCache, Double cpuUsage, Double memoryUsedMb,
        Double memoryMaxMb, double errorRate, long calls, long errorWindowS, List<ReplicaStatus> replicas) {
}
