package io.sam6d.vision.model;

import java.time.Duration;

/**
 * A time limit on the work of the current thread, so an engine stops a request whose caller has given up. The host (a
 * server) starts one around a request; engines call {@link #check()} between units of work (objects, proposals,
 * detections). Checking is cheap and does nothing when no limit is set. Work handed to other threads takes the
 * limit along: capture {@link #current()} first and check that.
 */
public final class Deadline {

    /** No limit. */
    public static final Deadline NONE = new Deadline(Long.MAX_VALUE, null);

    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

    private final long endNanos;
    private final Duration limit;

    private Deadline(long endNanos, Duration limit) {
        this.endNanos = endNanos;
        this.limit = limit;
    }

    /** The limit set on this thread, or {@link #NONE}. */
    public static Deadline current() {
        Deadline d = CURRENT.get();
        return d == null ? NONE : d;
    }

    /**
     * Limits this thread's work to {@code limit} from now until the returned scope is closed (try-with-resources); the
     * limit that was set before is restored then.
     */
    public static Scope start(Duration limit) {
        Deadline previous = CURRENT.get();
        CURRENT.set(new Deadline(System.nanoTime() + limit.toNanos(), limit));
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Checks the limit of this thread: {@code Deadline.current().check()}. */
    public static void checkCurrent() {
        current().check();
    }

    /** @throws DeadlineExceededException when the limit has passed */
    public void check() {
        if (this != NONE && System.nanoTime() - endNanos > 0) {
            throw new DeadlineExceededException(limit);
        }
    }

    /** Time left, never negative; {@code null} for {@link #NONE}. */
    public Duration remaining() {
        return this == NONE ? null : Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    /** Ends a {@link #start} without a checked exception. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
