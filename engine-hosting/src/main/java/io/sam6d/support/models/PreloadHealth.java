package io.sam6d.support.models;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health of a compute server's engine: OUT_OF_SERVICE while a class is being preloaded (so orchestrators wait), DOWN
 * when preloading failed, UP otherwise; details name the engine and the model cache's state.
 */
public class PreloadHealth implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(PreloadHealth.class);

    private final String engine;
    private final PreparedModelCache cache;
    private final AtomicReference<String> state = new AtomicReference<>("ready");

    public PreloadHealth(String engine, PreparedModelCache cache) {
        this.engine = engine;
        this.cache = cache;
    }

    /** Runs the preload on a background thread; health is OUT_OF_SERVICE until it ends. */
    public void preloadInBackground(String what, IntSupplier preload) {
        state.set("preloading");
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            try {
                int n = preload.getAsInt();
                log.info("preloaded {} object(s) of {} in {} ms", n, what, (System.nanoTime() - start) / 1_000_000);
                state.set("ready");
            } catch (RuntimeException e) {
                log.error("preloading {} failed: {}", what, e.getMessage());
                state.set("preload failed: " + e.getMessage());
            }
        }, "preload");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public Health health() {
        String s = state.get();
        Health.Builder b = switch (s) {
            case "ready" -> Health.up();
            case "preloading" -> Health.outOfService();
            default -> Health.down();
        };
        return b.withDetail("engine", engine).withDetail("state", s).withDetail("cache", cache.stats())
                .withDetail("cached_objects", cache.keys()).build();
    }
}
