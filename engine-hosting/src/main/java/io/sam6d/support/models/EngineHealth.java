package io.sam6d.support.models;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The engine a compute server chose at start-up, as a health component: always UP (a server whose engine cannot be
 * set up does not start), details say which engine, on which device, how long it took to load and, for TorchScript
 * engines, which model file and contract; plus what changes while it runs (GPU memory), read at each check.
 */
public class EngineHealth implements HealthIndicator {

    private final Map<String, Object> details;
    private final Supplier<? extends Map<String, ?>> live;

    public EngineHealth(Map<String, ?> details) {
        this(details, Map::of);
    }

    /** @param live details read at each health check, e.g. the GPU memory in use */
    public EngineHealth(Map<String, ?> details, Supplier<? extends Map<String, ?>> live) {
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        this.live = live;
    }

    public Map<String, Object> details() {
        return details;
    }

    @Override
    public Health health() {
        return Health.up().withDetails(details).withDetails(live.get()).build();
    }
}
