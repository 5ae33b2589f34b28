package io.sam6d.support.admission;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A bulkhead: at most {@code maxConcurrent} requests compute at once, at most {@code maxQueued} wait for a turn (each
 * no longer than {@code maxQueueWait} or its caller's deadline), and the rest are turned away at once with a hint of
 * when to come back. Memory and CPU stay bounded however many requests arrive.
 */
public final class ComputeAdmission {

    /** A request that got a turn: close it when the work is done. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final int maxConcurrent;
    private final int maxQueued;
    private final Duration maxQueueWait;
    private final Semaphore slots;
    private final AtomicInteger waiting = new AtomicInteger();
    /** Exponentially weighted mean of the computing time of recent requests, ms. */
    private final AtomicLong meanMillis = new AtomicLong(1000);
    private final Counter rejected;

    public ComputeAdmission(int maxConcurrent, int maxQueued, Duration maxQueueWait, MeterRegistry registry) {
        if (maxConcurrent < 1 || maxQueued < 0 || maxQueueWait.isNegative()) {
            throw new IllegalArgumentException("a bulkhead needs at least 1 concurrent request, a queue of 0 or more"
                    + " and a non-negative queue wait");
        }
        this.maxConcurrent = maxConcurrent;
        this.maxQueued = maxQueued;
        this.maxQueueWait = maxQueueWait;
        this.slots = new Semaphore(maxConcurrent, true);
        Gauge.builder("sam6d.compute.running", this, ComputeAdmission::running).register(registry);
        Gauge.builder("sam6d.compute.queued", waiting, AtomicInteger::get).register(registry);
        this.rejected = Counter.builder("sam6d.compute.rejected")
                .description("requests turned away with 503 because the server was at capacity").register(registry);
    }

    /**
     * A turn to compute, waiting in the queue when every slot is taken.
     *
     * @param callerWaits how long the caller still waits (null: unknown); nobody waits in the queue longer
     * @return the permit, or null when the request is turned away (queue full, or no turn in time)
     */
    public Permit tryEnter(Duration callerWaits) throws InterruptedException {
        if (!slots.tryAcquire()) {
            if (waiting.incrementAndGet() > maxQueued) {
                waiting.decrementAndGet();
                rejected.increment();
                return null;
            }
            Duration wait = callerWaits != null && callerWaits.compareTo(maxQueueWait) < 0 ? callerWaits : maxQueueWait;
            boolean got;
            try {
                got = slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
            } finally {
                waiting.decrementAndGet();
            }
            if (!got) {
                rejected.increment();
                return null;
            }
        }
        long start = System.nanoTime();
        return new Permit() {
            private boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    meanMillis.updateAndGet(m -> (m * 4 + ms) / 5);
                    slots.release();
                }
            }
        };
    }

    /** When a turned-away request may find a turn: the queue ahead of it served at the recent pace, 1 to 60 s. */
    public Duration retryAfter() {
        double seconds = meanMillis.get() / 1000.0 * (waiting.get() + 1) / maxConcurrent;
        return Duration.ofSeconds(Math.max(1, Math.min(60, (long) Math.ceil(seconds))));
    }

    public int running() {
        return maxConcurrent - slots.availablePermits();
    }

    public int queued() {
        return waiting.get();
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    public int maxQueued() {
        return maxQueued;
    }
}
