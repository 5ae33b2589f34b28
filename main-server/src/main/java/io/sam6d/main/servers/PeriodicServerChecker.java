package io.sam6d.main.servers;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.sam6d.main.compute.ComputeServersSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Checks every replica every {@code SERVER_CHECK_INTERVAL} from start-up on (so replicas are ordered by health
 * before the first workflow call) and deletes {@code server_status} rows older than {@code SERVER_STATUS_RETENTION}
 * every {@code SERVER_STATUS_PURGE_INTERVAL}. Its own thread: a slow check never holds up other scheduled work.
 */
@Component
class PeriodicServerChecker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PeriodicServerChecker.class);

    private final ServerMonitor monitor;
    private final ServerStatusRepository history;
    private final Duration interval;
    private final Duration retention;
    private final Duration purgeInterval;
    private final Clock clock;
    private final AtomicLong checksDone = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "server-checker");
        t.setDaemon(true);
        return t;
    });

    PeriodicServerChecker(ServerMonitor monitor, ServerStatusRepository history, ComputeServersSettings settings,
            @Value("${sam6d.servers.status-retention:7d}") Duration retention,
            @Value("${sam6d.servers.status-purge-interval:1h}") Duration purgeInterval, Clock clock) {
        this.monitor = monitor;
        this.history = history;
        this.interval = settings.checkInterval();
        this.retention = retention;
        this.purgeInterval = purgeInterval;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        timer.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::purge, purgeInterval.toMillis(), purgeInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            monitor.status(true);
            checksDone.incrementAndGet();
        } catch (RuntimeException e) {
            log.warn("periodic server check failed: {}", e.toString()); // caught: a throw would end the schedule
        }
    }

    /** Periodic checks finished so far (tests wait for the start-up check). */
    long checksDone() {
        return checksDone.get();
    }

    /** Deletes checks older than the retention; returns how many. */
    int purge() {
        try {
            int deleted = history.deleteCheckedBefore(clock.instant().minus(retention));
            if (deleted > 0) {
                log.info("deleted {} server_status row(s) older than {}", deleted, retention);
            }
            return deleted;
        } catch (RuntimeException e) {
            log.warn("could not purge old server_status rows: {}", e.toString());
            return 0;
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
