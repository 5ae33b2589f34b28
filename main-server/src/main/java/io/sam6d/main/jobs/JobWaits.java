package io.sam6d.main.jobs;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.sam6d.model.workflow.Job;
import io.sam6d.support.web.ApiException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Answers workflow submits, at once (202) or when their job has ended (200). A waiting submit holds neither a request
 * thread nor a database connection: it is a {@link DeferredResult} (the servlet thread goes back to the pool, the
 * connection stays open), answered when this instance finishes the job ({@link JobEnded}) or when one shared check,
 * every {@code check-interval}, finds in one query that jobs run by other instances have ended. When the wait runs
 * out, the job as it is then is the answer (202). At most {@code max-waiting} submits wait at once; further ones are
 * answered 202 at once. The job is stored before any of this, so it runs whatever becomes of the waiting client. On
 * shutdown every waiting submit is answered 202 first, so a graceful shutdown never waits for them.
 */
@Component
public class JobWaits implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobWaits.class);
    private static final int IDS_PER_QUERY = 500;

    private final JobService jobs;
    private final JobStore store;
    private final JobWaitSettings settings;
    private final Map<String, List<DeferredResult<ResponseEntity<Job>>>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final ScheduledExecutorService checker;
    private volatile boolean running;

    JobWaits(JobService jobs, JobStore store, JobWaitSettings settings) {
        this.jobs = jobs;
        this.store = store;
        this.settings = settings;
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-waits");
            t.setDaemon(true);
            return t;
        });
        long every = settings.checkInterval().toMillis();
        checker.scheduleWithFixedDelay(this::checkSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Before the web server's graceful shutdown (the highest phase stops first): every waiting submit is answered now,
     * 202 with its job (200 if it has just ended).
     */
    @Override
    public void stop() {
        running = false;
        for (String id : List.copyOf(waiting.keySet())) {
            try {
                ResponseEntity<Job> answer = respond(jobs.get(id));
                waiting.getOrDefault(id, List.of()).forEach(r -> r.setResult(answer));
            } catch (RuntimeException e) {
                log.warn("job {}: its waiting submits could not be answered at shutdown: {}", id, e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @PreDestroy
    void shutdownChecker() {
        checker.shutdownNow();
    }

    /**
     * How long a submit waits: {@code ?wait=} wins over the body's {@code "wait"}. {@code true} is the most allowed;
     * {@code false} and {@code 0} are no wait; a number is seconds; {@code 30s}, {@code 2m}, {@code 500ms},
     * {@code PT1M} are durations. Longer waits are cut to {@code WORKFLOW_MAX_WAIT}.
     *
     * @throws ApiException 400 naming {@code wait} for anything else
     */
    public Duration requested(String query, Boolean body) {
        Duration wait;
        if (query != null && !query.isBlank()) {
            wait = parse(query.trim());
        } else {
            wait = Boolean.TRUE.equals(body) ? settings.max() : Duration.ZERO;
        }
        return wait.compareTo(settings.max()) > 0 ? settings.max() : wait;
    }

    private Duration parse(String v) {
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("true")) {
            return settings.max();
        }
        if (lower.equals("false")) {
            return Duration.ZERO;
        }
        try {
            Duration d = lower.matches("\\d{1,9}") ? Duration.ofSeconds(Long.parseLong(lower))
                    : DurationStyle.detectAndParse(v);
            if (!d.isNegative()) {
                return d;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw ApiException.badRequest("wait", "wait must be true, false, seconds or a duration such as 30s, 2m or"
                + " PT1M (at most " + settings.max().toSeconds() + " s are waited), got '"
                + (v.length() > 40 ? v.substring(0, 37) + "..." : v) + "'");
    }

    /**
     * The answer to a submit: 202 with the job at once when {@code wait} is zero (or too many already wait, or the
     * server is stopping), else 200 with the job once it has ended, or 202 with the job as it is when the wait runs
     * out.
     */
    public DeferredResult<ResponseEntity<Job>> answer(Job submitted, Duration wait) {
        DeferredResult<ResponseEntity<Job>> result = new DeferredResult<>(Math.max(1, wait.toMillis()));
        String id = submitted.jobId();
        boolean waits = !wait.isZero() && running;
        if (waits && !reserve()) {
            log.warn("job {}: {} submits wait already (sam6d.jobs.wait.max-waiting); answered at once", id,
                    settings.maxWaiting());
            waits = false;
        }
        if (!waits) {
            result.setResult(respond(submitted));
            return result;
        }
        waiting.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(result);
        result.onTimeout(() -> result.setResult(respond(currentOr(id, submitted))));
        result.onError(e -> result.setResult(respond(currentOr(id, submitted))));
        result.onCompletion(() -> release(id, result));
        return result;
    }

    private boolean reserve() {
        while (true) {
            int n = count.get();
            if (n >= settings.maxWaiting()) {
                return false;
            }
            if (count.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    private void release(String id, DeferredResult<ResponseEntity<Job>> result) {
        List<DeferredResult<ResponseEntity<Job>>> list = waiting.get(id);
        if (list != null && list.remove(result)) {
            count.decrementAndGet();
            waiting.computeIfPresent(id, (k, v) -> v.isEmpty() ? null : v);
        }
    }

    /** Submits waiting now (metrics, tests). */
    public int waitingNow() {
        return count.get();
    }

    /** 200 when the job has ended, 202 while it is pending or running; Location names the job either way. */
    static ResponseEntity<Job> respond(Job job) {
        HttpStatus status = JobStatus.of(job.status()).finished() ? HttpStatus.OK : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).location(URI.create("/api/v1/workflow/jobs/" + job.jobId())).body(job);
    }

    private Job currentOr(String id, Job fallback) {
        try {
            return jobs.get(id);
        } catch (RuntimeException e) {
            log.warn("job {}: could not be read for its waiting submit ({}); answering with the submitted job", id,
                    e.toString());
            return fallback;
        }
    }

    @EventListener
    void ended(JobEnded event) {
        if (waiting.containsKey(event.jobId())) {
            // off the worker's thread: the worker goes on with its next job at once
            checker.execute(() -> answerEnded(Set.of(event.jobId())));
        }
    }

    private void checkSafely() {
        try {
            if (waiting.isEmpty()) {
                return;
            }
            List<String> ids = new ArrayList<>(waiting.keySet());
            for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
                answerEnded(Set.copyOf(store.finishedAmong(ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY)))));
            }
        } catch (RuntimeException e) {
            // the database may be briefly unreachable: the next check tries again, the wait's end answers anyway
            log.warn("checking waited-for jobs failed: {}", e.toString());
        }
    }

    private void answerEnded(Set<String> ended) {
        for (String id : ended) {
            List<DeferredResult<ResponseEntity<Job>>> list = waiting.get(id);
            if (list == null || list.isEmpty()) {
                continue;
            }
            ResponseEntity<Job> answer;
            try {
                answer = respond(jobs.get(id));
            } catch (RuntimeException e) {
                log.warn("job {}: ended, but could not be read for its waiting submits: {}", id, e.toString());
                continue;
            }
            for (DeferredResult<ResponseEntity<Job>> r : list) {
                r.setResult(answer);
            }
        }
    }
}
