package io.sam6d.main.workflow;

import java.util.concurrent.atomic.AtomicInteger;

import io.sam6d.main.jobs.JobContext;
import io.sam6d.main.jobs.JobHandler;
import org.springframework.stereotype.Component;

/** For {@link JobFaultTests}: a job that runs out of memory for real (an array larger than any heap here). */
@Component
class OutOfMemoryJob implements JobHandler {

    static final String TYPE = "out_of_memory_test";
    static final AtomicInteger RUNS = new AtomicInteger();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object run(JobContext job) {
        RUNS.incrementAndGet();
        long[] huge = new long[Integer.MAX_VALUE - 16]; // 16 GiB
        return huge.length;
    }
}
