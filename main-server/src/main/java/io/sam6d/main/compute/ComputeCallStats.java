package io.sam6d.main.compute;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Remembers main-server's calls to each compute replica over a sliding window (for error rates and for preferring
 * replicas with fewer recent errors) and exports them to Micrometer: {@code sam6d.compute.calls} (timer, tags
 * {@code service}, {@code replica}, {@code outcome} = ok|error) and {@code sam6d.compute.errors} (counter).
 */
public class ComputeCallStats {

    /** Calls kept per replica at most, whatever the window, so a flood of calls cannot exhaust memory. */
    private static final int MAX_CALLS_KEPT = 10_000;

    /** @param calls calls within the window; @param errors those that failed */
    public record Counts(long calls, long errors) {

        /** Failed share, 0 when there were no calls. */
        public double errorRate() {
            return calls == 0 ? 0.0 : errors / (double) calls;
        }
    }

    private record Call(Instant at, boolean ok) {
    }

    private final Duration window;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Deque<Call>> calls = new ConcurrentHashMap<>();

    public ComputeCallStats(Duration window, MeterRegistry registry, Clock clock) {
        this.window = window;
        this.registry = registry;
        this.clock = clock;
    }

    /** How far back error rates look. */
    public Duration window() {
        return window;
    }

    /** What {@link ComputeCallObserver#record} is told. */
    public void record(ComputeService service, String baseUrl, String path, Duration took, boolean ok) {
        Timer.builder("sam6d.compute.calls").description("calls from main-server to the compute servers")
                .tag("service", service.key()).tag("replica", baseUrl).tag("outcome", ok ? "ok" : "error")
                .register(registry).record(took);
        if (!ok) {
            Counter.builder("sam6d.compute.errors").description("failed calls (connection, timeout, 5xx)")
                    .tag("service", service.key()).tag("replica", baseUrl).register(registry).increment();
        }
        Deque<Call> log = calls.computeIfAbsent(key(service, baseUrl), k -> new ArrayDeque<>());
        synchronized (log) {
            log.addLast(new Call(clock.instant(), ok));
            while (log.size() > MAX_CALLS_KEPT) {
                log.removeFirst();
            }
            trim(log);
        }
    }

    /** Calls to one replica within the window. */
    public Counts counts(ComputeService service, String baseUrl) {
        Deque<Call> log = calls.get(key(service, baseUrl));
        if (log == null) {
            return new Counts(0, 0);
        }
        synchronized (log) {
            trim(log);
            return new Counts(log.size(), log.stream().filter(c -> !c.ok()).count());
        }
    }

    private void trim(Deque<Call> log) {
        Instant oldest = clock.instant().minus(window);
        while (!log.isEmpty() && log.peekFirst().at().isBefore(oldest)) {
            log.removeFirst();
        }
    }

    private static String key(ComputeService service, String baseUrl) {
        return service.key() + " " + baseUrl;
    }
}
