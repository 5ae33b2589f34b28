package io.sam6d.main.jobs;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A job's life: pending -> running -> completed | failed | cancelled (a running job may go back to pending). */
public enum JobStatus {
    PENDING, RUNNING, COMPLETED, FAILED, CANCELLED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public static JobStatus of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(JobStatus::key).toList();
    }
}
