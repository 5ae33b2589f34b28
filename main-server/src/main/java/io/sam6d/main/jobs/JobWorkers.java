package io.sam6d.main.jobs;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.main.compute.ComputeCallException;
import io.sam6d.support.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's workers: a poller claims jobs from the table while a worker is free, a heartbeat renews the leases
 * of the jobs running here, and a sweep ends jobs that dead servers left behind with no attempts left. On a clean
 * stop the jobs running here are handed back (pending) so the next instance resumes them at once.
 */
@Component
class JobWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);
    /** The status gauges are refreshed at most this often (one GROUP BY over the table). */
    private static final Duration COUNTS_EVERY = Duration.ofSeconds(5);

    private final JobStore store;
    private final JobSettings settings;
    private final JobMetrics metrics;
    private final ObjectMapper json;
    private final Clock clock;
    private final JobInputFiles files;
    private final Map<String, JobHandler> handlers;
    private final ApplicationEventPublisher events;
    private final String owner;
    private final Map<String, JobContext> running = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private ThreadPoolExecutor pool;
    private volatile boolean started;
    private long lastCountsNanos = System.nanoTime() - COUNTS_EVERY.toNanos() - 1;

    JobWorkers(JobStore store, JobSettings settings, JobMetrics metrics, ObjectMapper json, Clock clock,
            JobInputFiles files, List<JobHandler> handlers, ApplicationEventPublisher events) {
        this.files = files;
        this.store = store;
        this.settings = settings;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::type, Function.identity()));
        this.events = events;
        this.owner = settings.instanceId() == null || settings.instanceId().isBlank() ? defaultOwner()
                : settings.instanceId().trim();
    }

    private static String defaultOwner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "main-server";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public synchronized void start() {
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "job-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "job-poller");
            t.setDaemon(true);
            return t;
        });
        long poll = Math.max(10, settings.pollInterval().toMillis());
        long beat = Math.max(100, settings.lease().toMillis() / 3);
        scheduler.scheduleWithFixedDelay(this::pollSafely, 0, poll, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
        started = true;
        log.info("job workers started as {}: {} worker(s), poll every {} ms, lease {} s, {} attempts, types {}",
                owner, settings.workers(), poll, settings.lease().toSeconds(), settings.maxAttempts(),
                handlers.keySet());
    }

    @Override
    public synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        scheduler.shutdownNow();
        // hand the jobs back before interrupting them, so an interrupted job cannot record itself as failed
        for (String jobId : running.keySet()) {
            try {
                if (store.release(jobId, owner)) {
                    log.info("job {} handed back (pending) on shutdown; it resumes on the next instance", jobId);
                }
            } catch (RuntimeException e) {
                log.warn("job {} could not be handed back ({}); it is taken again when its lease expires", jobId,
                        e.toString());
            }
        }
        pool.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // the database may be briefly unreachable: try again at the next poll
            log.warn("job poll failed: {}", e.toString());
        }
    }

    /** One poll: end abandoned jobs, refresh the gauges, claim as many jobs as workers are free. */
    void poll() {
        sweepAbandoned();
        long now = System.nanoTime();
        if (now - lastCountsNanos > COUNTS_EVERY.toNanos()) {
            metrics.counts(store.countByStatus());
            lastCountsNanos = now;
        }
        int free = settings.workers() - running.size();
        if (free <= 0 || !started) {
            return;
        }
        // this instance's own jobs may be among the claimable ones (a lease that ran out while the database was away)
        for (String jobId : store.claimable(settings.workers())) {
            if (running.size() >= settings.workers()) {
                break;
            }
            if (running.containsKey(jobId)) {
                continue; // still running or finishing here (its lease may have run out while the database was away)
            }
            if (!store.claim(jobId, owner, clock.instant().plus(settings.lease()))) {
                continue; // another instance was faster
            }
            JobRow row = store.find(jobId).orElseThrow();
            JobContext ctx = new JobContext(store, json, row, owner);
            running.put(jobId, ctx);
            log.info("job {} ({}) claimed by {}, attempt {} of {}", jobId, row.jobType(), owner, row.attempts(),
                    row.maxAttempts());
            pool.execute(() -> run(ctx));
        }
    }

    private void sweepAbandoned() {
        for (JobRow r : store.abandoned()) {
            if (running.containsKey(r.jobId())) {
                continue; // not abandoned: this instance is still finishing it
            }
            boolean cancelled = r.cancelRequested();
            JobStatus outcome = cancelled ? JobStatus.CANCELLED : JobStatus.FAILED;
            String error = cancelled ? null : "the server running this job stopped (its lease expired) and the job"
                    + " has used all " + r.maxAttempts() + " attempts (sam6d.jobs.max-attempts); giving up";
            if (store.closeAbandoned(r.jobId(), outcome, error)) {
                log.warn("job {} ({}) left running by {}: {}", r.jobId(), r.jobType(), r.leaseOwner(),
                        cancelled ? "cancelled" : error);
                metrics.finished(r.jobType(), outcome);
                events.publishEvent(new JobEnded(r.jobId()));
            }
        }
    }

    /** Forgets finished jobs past the retention, and their files (every instance may do it; deleting is idempotent). */
    private void purge() {
        try {
            int n = 0;
            for (String jobId : store.finishedBefore(clock.instant().minus(settings.retention()))) {
                files.delete(jobId);
                n += store.delete(jobId) ? 1 : 0;
            }
            if (n > 0) {
                log.info("deleted {} job(s) finished more than {} days ago", n, settings.retention().toDays());
            }
        } catch (RuntimeException e) {
            log.warn("purging old jobs failed: {}", e.toString());
        }
    }

    private void heartbeat() {
        for (JobContext ctx : running.values()) {
            try {
                if (!store.renewLease(ctx.jobId(), owner, clock.instant().plus(settings.lease()))) {
                    log.warn("job {}: lease lost (taken by another instance or ended); it stops here", ctx.jobId());
                    ctx.leaseLost();
                }
            } catch (RuntimeException e) {
                log.warn("job {}: lease renewal failed: {}", ctx.jobId(), e.toString());
            }
        }
    }

    private void run(JobContext ctx) {
        JobRow row = ctx.row();
        long start = System.nanoTime();
        JobStatus outcome;
        String output = null;
        String error = null;
        try {
            JobHandler handler = handlers.get(row.jobType());
            if (handler == null) {
                throw new IllegalStateException("no handler for job type '" + row.jobType() + "' on this server");
            }
            Object result = handler.run(ctx);
            output = toJson(result);
            outcome = JobStatus.COMPLETED;
        } catch (JobCancelledException e) {
            outcome = JobStatus.CANCELLED;
            error = ctx.isLeaseLost() ? null : e.getMessage();
            output = toJson(e.output());
        } catch (JobFailedException e) {
            outcome = JobStatus.FAILED;
            error = e.getMessage();
            output = toJson(e.output());
        } catch (ApiException e) {
            outcome = JobStatus.FAILED;
            error = (e.field() == null ? "" : e.field() + ": ") + e.getMessage();
        } catch (OutOfMemoryError e) {
            // what the job allocated is garbage now; running it again would run out of memory again
            outcome = JobStatus.FAILED;
            error = "the job ran out of memory (" + e.getMessage() + "; this server's heap is "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB): it is not run again; give it "
                    + "smaller input or the server more memory";
            log.error("job {} ({}) ran out of memory", row.jobId(), row.jobType(), e);
        } catch (RuntimeException | Error e) {
            outcome = JobStatus.FAILED;
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!(e instanceof ComputeCallException)) {
                log.error("job {} ({}) failed unexpectedly", row.jobId(), row.jobType(), e);
            }
        }
        try {
            if (!started) {
                log.info("job {} stopped by the shutdown ({}); it was handed back for the next instance", row.jobId(),
                        outcome.key());
                return;
            }
            if (ctx.isLeaseLost()) {
                log.warn("job {} ended here as {} but its lease was lost: the other instance's result counts",
                        row.jobId(), outcome.key());
                return;
            }
            if (storeEnd(row, outcome, output, error)) {
                metrics.finished(row.jobType(), outcome);
                events.publishEvent(new JobEnded(row.jobId()));
                log.info("job {} ({}) {} in {} ms{}", row.jobId(), row.jobType(), outcome.key(),
                        Duration.ofNanos(System.nanoTime() - start).toMillis(), error == null ? "" : ": " + error);
            } else {
                log.warn("job {} ended as {} but no longer belongs to {}; result dropped", row.jobId(),
                        outcome.key(), owner);
            }
        } finally {
            // only now may this instance's poll see the job again (it never claims a job it is still finishing)
            running.remove(row.jobId());
        }
    }

    /**
     * Stores the job's end, waiting for the database when it is unreachable: the result is kept here and written
     * once the database answers again, so a job that finished during an outage is not run a second time. Gives up
     * only when this instance stops (the job is then taken again after its lease).
     *
     * @return false when the job no longer belongs to this instance
     */
    private boolean storeEnd(JobRow row, JobStatus outcome, String output, String error) {
        long waitMs = 500;
        boolean warned = false;
        while (true) {
            try {
                return store.finish(row.jobId(), owner, outcome, output, error);
            } catch (RuntimeException e) {
                if (!started) {
                    log.error("job {}: could not store its end ({}) before the shutdown: {}", row.jobId(),
                            outcome.key(), e.toString());
                    return false;
                }
                if (!warned) {
                    log.warn("job {}: the database does not answer ({}); its end ({}) is kept and stored when it"
                            + " answers again", row.jobId(), e.toString(), outcome.key());
                    warned = true;
                }
            }
            try {
                Thread.sleep(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            waitMs = Math.min(5000, waitMs * 2);
        }
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the job's output: " + e.getMessage(), e);
        }
    }
}
