package io.sam6d.cli;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.sam6d.model.workflow.Job;

/**
 * Submits jobs, at most {@code parallel} in flight, and follows each by polling until it ends, showing progress as it
 * goes. A submit main-server refuses (400, 404) fails that item only; a refused token, an unreachable or failing
 * server ends the whole run ({@link ApiError#endsTheRun()}), as nothing after it could succeed. Polls that fail for a
 * moment are tried again until {@code timeout}.
 */
final class JobTracker {

    private final MainServer api;
    private final ProgressView view;
    private final Duration poll;
    private final Duration timeout;

    JobTracker(MainServer api, ProgressView view, Duration poll, Duration timeout) {
        this.api = api;
        this.view = view;
        this.poll = poll;
        this.timeout = timeout;
    }

    /** Runs every item; returns when all have ended (or the timeout ran out). */
    List<Tracked> run(List<Tracked> items, int parallel) {
        view.begin(items);
        Deque<Tracked> queue = new ArrayDeque<>(items);
        List<Tracked> inFlight = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!queue.isEmpty() || !inFlight.isEmpty()) {
                while (inFlight.size() < parallel && !queue.isEmpty()) {
                    Tracked t = queue.poll();
                    submit(t);
                    if (!t.finished()) {
                        inFlight.add(t);
                    }
                    view.update(t, true);
                }
                if (inFlight.isEmpty()) {
                    continue;
                }
                sleep(poll);
                for (Tracked t : List.copyOf(inFlight)) {
                    boolean changed = poll(t);
                    if (t.finished()) {
                        inFlight.remove(t);
                    }
                    view.update(t, changed);
                }
                if (System.nanoTime() > deadline) {
                    for (Tracked t : inFlight) {
                        t.error = "still " + t.status + " after --timeout " + timeout.toSeconds() + " s (job "
                                + t.jobId + " goes on on the server)";
                        t.status = Tracked.TIMED_OUT;
                        view.update(t, true);
                    }
                    for (Tracked t : queue) {
                        t.status = Tracked.NOT_SUBMITTED;
                        t.error = "--timeout " + timeout.toSeconds() + " s ran out first";
                    }
                    break;
                }
            }
        } finally {
            view.close();
        }
        return items;
    }

    /** Follows one job submitted before. */
    Tracked watch(Job job) {
        Tracked t = Tracked.existing(job);
        if (!t.finished()) {
            run(List.of(t), 1);
        } else {
            view.begin(List.of(t));
            view.update(t, true);
            view.close();
        }
        return t;
    }

    private void submit(Tracked t) {
        if (t.jobId != null) {
            return; // watching a job submitted before
        }
        t.startedNanos = System.nanoTime();
        try {
            t.update(api.submit(t.workflow, t.body));
        } catch (ApiError e) {
            if (e.endsTheRun()) {
                throw e;
            }
            t.status = "failed";
            t.error = e.getMessage();
        }
    }

    /** True when what the user sees changed. */
    private boolean poll(Tracked t) {
        try {
            return t.update(api.job(t.jobId));
        } catch (ApiError e) {
            if (e.status() == 401 || e.status() == 403 || e.status() == 404) {
                throw e;
            }
            return false; // unreachable or 5xx for a moment: the next poll tries again, up to the timeout
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNAVAILABLE, "interrupted");
        }
    }

    /** 6 when a job did not end in time, else 1 when one did not complete, else 0. */
    static int exitCode(List<Tracked> items) {
        if (items.stream().anyMatch(t -> t.status.equals(Tracked.TIMED_OUT) || t.status.equals(Tracked.NOT_SUBMITTED))) {
            return ExitCodes.TIMED_OUT;
        }
        return items.stream().allMatch(Tracked::completed) ? ExitCodes.OK : ExitCodes.JOB_FAILED;
    }
}
