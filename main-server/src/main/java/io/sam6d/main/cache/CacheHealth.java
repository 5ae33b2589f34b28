package io.sam6d.main.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Whether the cache store answers. After a failure the store is skipped for a back-off period (requests go to the
 * database) and health reports {@code DEGRADED}; the first success after that clears every cache, because
 * evictions sent while it was down were lost, and health is UP again.
 */
public class CacheHealth implements HealthIndicator {

    /** Reported while the store is down: the API still answers, from the database. */
    public static final Status DEGRADED = new Status("DEGRADED", "cache store unavailable; answering from the database");

    private static final Logger log = LoggerFactory.getLogger(CacheHealth.class);

    private final String store;
    private final Duration backOff;
    private final Clock clock;
    private final AtomicReference<Instant> retryAt = new AtomicReference<>(Instant.MIN);
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile Runnable onRecovery = () -> { };

    CacheHealth(String store, Duration backOff, Clock clock) {
        this.store = store;
        this.backOff = backOff;
        this.clock = clock;
    }

    void onRecovery(Runnable action) {
        this.onRecovery = action;
    }

    /** False while backing off after a failure. */
    boolean available() {
        return !down.get() || !clock.instant().isBefore(retryAt.get());
    }

    void failed(RuntimeException e) {
        retryAt.set(clock.instant().plus(backOff));
        lastError.set(e.getClass().getSimpleName() + ": " + e.getMessage());
        if (down.compareAndSet(false, true)) {
            log.warn("cache store {} unavailable, answering from the database until it returns: {}", store,
                    lastError.get());
        }
    }

    void succeeded() {
        if (down.compareAndSet(true, false)) {
            log.warn("cache store {} is back; clearing caches (evictions may have been missed)", store);
            onRecovery.run();
        }
    }

    @Override
    public Health health() {
        Health.Builder b = down.get() ? Health.status(DEGRADED).withDetail("last_error", lastError.get())
                : Health.up();
        return b.withDetail("store", store).build();
    }
}
