package io.sam6d.main.compute;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replicas ordered by what the monitor knows: healthy ones first (fewest recent call errors first, and taking turns
 * among equals so load spreads), then those not checked yet, then those whose last check failed. The list always
 * holds every configured replica, so a caller still reaches a server the last check thought was down.
 */
public class HealthAwareComputeEndpoints implements ComputeEndpoints {

    private final ComputeServersSettings settings;
    private final ReplicaHealth health;
    private final ComputeCallStats calls;
    private final Map<ComputeService, AtomicInteger> turns = new EnumMap<>(ComputeService.class);

    public HealthAwareComputeEndpoints(ComputeServersSettings settings, ReplicaHealth health,
            ComputeCallStats calls) {
        this.settings = settings;
        this.health = health;
        this.calls = calls;
        for (ComputeService s : ComputeService.values()) {
            turns.put(s, new AtomicInteger());
        }
    }

    @Override
    public List<String> candidates(ComputeService service) {
        List<String> configured = ConfiguredComputeEndpoints.normalised(settings.of(service).urls());
        List<String> healthy = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> down = new ArrayList<>();
        for (String url : configured) {
            switch (health.state(service, url)) {
                case HEALTHY -> healthy.add(url);
                case UNKNOWN -> unknown.add(url);
                case DOWN -> down.add(url);
            }
        }
        if (healthy.size() > 1) {
            Collections.rotate(healthy, -Math.floorMod(turns.get(service).getAndIncrement(), healthy.size()));
            healthy.sort(Comparator.comparingLong(u -> calls.counts(service, u).errors())); // stable: turns kept
        }
        List<String> ordered = new ArrayList<>(configured.size());
        ordered.addAll(healthy);
        ordered.addAll(unknown);
        ordered.addAll(down);
        return List.copyOf(ordered);
    }
}
