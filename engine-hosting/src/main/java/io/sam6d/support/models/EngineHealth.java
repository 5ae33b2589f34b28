package io.sam6d.support.models;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The engine a compute server chose at start-up, as a health component: always UP (a server whose engine cannot be
 * set up does not start), details say which engine, on which device, how long it took to load and, for TorchScript
 * engines, which model file and contract.
 */
public class EngineHealth implements HealthIndicator {

    private final Map<String, Object> details;

    public EngineHealth(Map<String, ?> details) {
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public Map<String, Object> details() {
        return details;
    }

    @Override
    public Health health() {
        return Health.up().withDetails(details).build();
    }
}
