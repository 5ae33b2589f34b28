package io.sam6d.main.compute;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The latest health check of every compute replica, as the monitor last saw it. Replicas never checked are
 * {@link State#UNKNOWN}. Exported as the gauge {@code sam6d.servers.healthy.replicas} (tag {@code service}).
 */
public class ReplicaHealth {

    public enum State { HEALTHY, UNKNOWN, DOWN }

    private record Seen(boolean healthy, Instant at) {
    }

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final ComputeServersSettings settings;

    public ReplicaHealth(ComputeServersSettings settings, MeterRegistry registry) {
        this.settings = settings;
        for (ComputeService s : ComputeService.values()) {
            Gauge.builder("sam6d.servers.healthy.replicas", this, h -> h.healthyCount(s))
                    .description("replicas of a compute service whose last health check was healthy")
                    .tag("service", s.key()).register(registry);
        }
    }

    /** Keeps a check unless a newer one is already known (parallel checks may finish out of order). */
    public void update(ComputeService service, String baseUrl, boolean healthy, Instant checkedAt) {
        seen.merge(service.key() + " " + baseUrl, new Seen(healthy, checkedAt),
                (old, now) -> now.at().isBefore(old.at()) ? old : now);
    }

    public State state(ComputeService service, String baseUrl) {
        Seen s = seen.get(service.key() + " " + baseUrl);
        return s == null ? State.UNKNOWN : s.healthy() ? State.HEALTHY : State.DOWN;
    }

    /** Configured replicas of the service whose last check was healthy. */
    public int healthyCount(ComputeService service) {
        return (int) ConfiguredComputeEndpoints.normalised(settings.of(service).urls()).stream()
                .filter(u -> state(service, u) == State.HEALTHY).count();
    }
}
