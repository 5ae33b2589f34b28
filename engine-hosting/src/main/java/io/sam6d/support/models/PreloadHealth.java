package io.sam6d.support.models;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health of a compute server's engine: OUT_OF_SERVICE while classes are being preloaded (so orchestrators wait), UP
 * otherwise. A preload that could not prepare some class leaves the server UP (those objects are prepared on first
 * use) and lists the problems under {@code preload_problems}; details name the engine and the model cache's state.
 */
public class PreloadHealth implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(PreloadHealth.class);

    /** What a preload did: objects prepared, and a line per class that could not be. */
    public record Outcome(int objects, List<String> problems) {
    }

    private final String engine;
    private final PreparedModelCache cache;
    private final AtomicReference<String> state = new AtomicReference<>("ready");
    private final AtomicReference<List<String>> problems = new AtomicReference<>(List.of());

    public PreloadHealth(String engine, PreparedModelCache cache) {
        this.engine = engine;
        this.cache = cache;
    }

    /** Runs the preload on a background thread; health is OUT_OF_SERVICE until it ends. */
    public void preloadInBackground(String what, Supplier<Outcome> preload) {
        state.set("preloading");
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            try {
                Outcome outcome = preload.get();
                problems.set(List.copyOf(outcome.problems()));
                log.info("preloaded {} object(s) of {} in {} ms", outcome.objects(), what,
                        (System.nanoTime() - start) / 1_000_000);
                outcome.problems().forEach(p -> log.warn("preload of {}: {}", what, p));
            } catch (RuntimeException | Error e) {
                problems.set(List.of(String.valueOf(e.getMessage())));
                log.error("preloading {} failed: {}", what, e.toString());
            } finally {
                state.set("ready");
            }
        }, "preload");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public Health health() {
        String s = state.get();
        Health.Builder b = s.equals("preloading") ? Health.outOfService() : Health.up();
        b.withDetail("engine", engine).withDetail("state", s).withDetail("cache", cache.stats())
                .withDetail("cached_objects", cache.keys());
        if (!problems.get().isEmpty()) {
            b.withDetail("preload_problems", problems.get());
        }
        return b.build();
    }
}
