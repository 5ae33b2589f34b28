package io.sam6d.model.servers;

import java.time.Instant;
import java.util.Map;

/**
 * One replica's last health check.
 *
 * @param status          {@code healthy} (health UP), {@code unhealthy} (answered, but DOWN, OUT_OF_SERVICE or an
 *                        HTTP error), {@code unreachable} (no connection, or no answer within the health timeout)
 * @param responseTimeMs  health check round trip in ms, null when it did not answer
 * @param error           why it is not healthy, null when it is
 * @param engine          the engine's state from the replica's {@code /actuator/health} details (engine name, device,
 *                        load time, {@code state}, {@code loaded}); render-server: its workers and queue
 * @param modelCache      the replica's prepared-model cache (size, max_size, hits, misses, hit_rate, ...)
 * @param cpuUsage        the replica's JVM process CPU use in percent of all cores ({@code process.cpu.usage})
 * @param memoryUsedMb    JVM heap in use, MiB ({@code jvm.memory.used}, area heap)
 * @param memoryMaxMb     JVM heap maximum, MiB ({@code jvm.memory.max}, area heap)
 * @param errorRate       failed share (0-1) of main-server's calls to this replica over the error window
 * @param calls           main-server's calls to this replica over the error window
 */
public record ReplicaStatus(String url, String status, Long responseTimeMs, Instant lastCheck, String error,
        Map<String, Object> engine, Map<String, Object> modelCache, Double cpuUsage, Double memoryUsedMb,
        Double memoryMaxMb, double errorRate, long calls) {
}
