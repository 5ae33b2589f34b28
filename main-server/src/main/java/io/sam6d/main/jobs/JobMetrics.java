package io.sam6d.main.jobs;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code sam6d.jobs} (gauge by {@code status}: jobs in the table, refreshed by the poller) and
 * {@code sam6d.jobs.finished} (counter by {@code type} and {@code outcome}).
 */
@Component
class JobMetrics {

    private final MeterRegistry registry;
    private final Map<JobStatus, AtomicLong> counts = new EnumMap<>(JobStatus.class);

    JobMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (JobStatus s : JobStatus.values()) {
            AtomicLong n = new AtomicLong();
            counts.put(s, n);
            Gauge.builder("sam6d.jobs", n, AtomicLong::get).tag("status", s.key())
                    .description("workflow jobs by status (all instances, from the database)").register(registry);
        }
    }

    void counts(Map<JobStatus, Long> byStatus) {
        byStatus.forEach((s, n) -> counts.get(s).set(n));
    }

    void finished(String type, JobStatus outcome) {
        Counter.builder("sam6d.jobs.finished").tag("type", type).tag("outcome", outcome.key())
                .description("workflow jobs finished by this instance").register(registry).increment();
    }
}
