package io.sam6d.main.jobs;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a running job may do with its row: read its input, report progress and stage, look for a cancel. */
public final class JobContext {

    private static final Logger log = LoggerFactory.getLogger(JobContext.class);

    private final JobStore store;
    private final ObjectMapper json;
    private final JobRow row;
    private final String owner;
    private volatile boolean leaseLost;
    private volatile String stage;

    JobContext(JobStore store, ObjectMapper json, JobRow row, String owner) {
        this.store = store;
        this.json = json;
        this.row = row;
        this.owner = owner;
    }

    public String jobId() {
        return row.jobId();
    }

    /** 1 for the first run; more when a server died while running the job before. */
    public int attempt() {
        return row.attempts();
    }

    public <T> T input(Class<T> type) {
        try {
            return json.readValue(row.input(), type);
        } catch (IOException e) {
            throw new IllegalStateException("the job's stored input is not a " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Enters a stage ({@code render}, {@code ism}, {@code pem}, {@code output}) at a progress of 0..100. */
    public void stage(String newStage, int progress) {
        this.stage = newStage;
        log.info("job {} ({}): stage {} at {}%", row.jobId(), row.jobType(), newStage, progress);
        write(progress, newStage);
    }

    /** Progress within the current stage, 0..100 of the whole job. */
    public void progress(int progress) {
        write(progress, stage);
    }

    /** Progress is best effort: a database that does not answer does not stop the job (its end waits for it). */
    private void write(int progress, String s) {
        try {
            if (!store.progress(row.jobId(), owner, Math.max(0, Math.min(100, progress)), s)) {
                leaseLost = true;
            }
        } catch (RuntimeException e) {
            log.warn("job {}: progress not stored, the database does not answer ({})", row.jobId(), e.toString());
        }
    }

    /** Whether the job should stop: cancelled by a user, or taken over by another instance. */
    public boolean stopRequested() {
        return leaseLost || cancelRequested();
    }

    /** Call between stages: throws when the job should stop. */
    public void checkCancelled() {
        if (leaseLost) {
            throw new JobCancelledException("this instance lost the job's lease; another instance runs it");
        }
        if (cancelRequested()) {
            throw new JobCancelledException("cancelled by request");
        }
    }

    /** A cancel cannot be seen while the database does not answer: the job goes on and looks again later. */
    private boolean cancelRequested() {
        try {
            return store.cancelRequested(row.jobId());
        } catch (RuntimeException e) {
            log.warn("job {}: cannot look for a cancel, the database does not answer ({})", row.jobId(),
                    e.toString());
            return false;
        }
    }

    void leaseLost() {
        leaseLost = true;
    }

    boolean isLeaseLost() {
        return leaseLost;
    }

    JobRow row() {
        return row;
    }
}
