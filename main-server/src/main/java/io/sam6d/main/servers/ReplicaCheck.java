package io.sam6d.main.servers;

import java.time.Instant;
import java.util.Map;

import io.sam6d.main.compute.ComputeService;

/**
 * One health check of one replica: its health endpoint's verdict and what its health details and metrics say.
 * Units as in {@link io.sam6d.model.servers.ReplicaStatus}.
 */
record ReplicaCheck(ComputeService service, String url, String status, Long responseTimeMs, Instant checkedAt,
        String error, Map<String, Object> engine, Map<String, Object> modelCache, Double cpuUsage,
        Double memoryUsedMb, Double memoryMaxMb) {

    static final String HEALTHY = "healthy";
    static final String UNHEALTHY = "unhealthy";
    static final String UNREACHABLE = "unreachable";

    boolean healthy() {
        return HEALTHY.equals(status);
    }

    static ReplicaCheck unreachable(ComputeService service, String url, Instant checkedAt, String error) {
        return new ReplicaCheck(service, url, UNREACHABLE, null, checkedAt, error, null, null, null, null, null);
    }
}
