package io.sam6d.main.workflow;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import io.sam6d.main.jobs.JobCancelledException;
import io.sam6d.main.jobs.JobContext;
import io.sam6d.model.workflow.BatchSummary;
import io.sam6d.model.workflow.FullPipelineRequest;
import io.sam6d.model.workflow.PipelineResult;
import io.sam6d.support.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs many full pipelines in one job. Each item succeeds or fails on its own (one failure never stops the batch);
 * items write into {@code item_<index>_<object>/} under the batch folder, and the summary goes to
 * {@code batch_summary.json} there. A cancel stops the batch between items (the rest are marked cancelled).
 */
@Component
class BatchRunner {

    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

    /** One item to run: its request, and camera information to keep with its result (RSS frames). */
    record Item(FullPipelineRequest request, Map<String, Object> capture) {
    }

    private final PipelineInputs inputs;
    private final PipelineRunner runner;
    private final OutputFolders folders;
    private final ResultWriter writer;
    private final Clock clock;

    BatchRunner(PipelineInputs inputs, PipelineRunner runner, OutputFolders folders, ResultWriter writer,
            Clock clock) {
        this.inputs = inputs;
        this.runner = runner;
        this.folders = folders;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * @param items produces item {@code i} when its turn comes (an exception fails that item only)
     */
    BatchSummary run(JobContext job, int total, IntFunction<Item> items, OutputMode mode,
            OutputFolders.OutputDir outputDir, String defaultTag) {
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        Path batchDir = mode == OutputMode.NONE ? null : folders.create(outputDir, defaultTag);
        List<BatchSummary.Item> results = new ArrayList<>();
        boolean cancelled = false;
        for (int i = 0; i < total; i++) {
            long itemStart = System.nanoTime();
            String className = null;
            String objectName = null;
            if (!cancelled) {
                try {
                    job.checkCancelled();
                } catch (JobCancelledException e) {
                    cancelled = true;
                }
            }
            if (cancelled) {
                results.add(new BatchSummary.Item(i, null, null, "cancelled", "the batch was cancelled", 0, 0, null));
                continue;
            }
            String itemDir = null;
            try {
                Item item = items.apply(i);
                FullPipelineRequest r = item.request();
                className = r == null ? null : r.className();
                objectName = r == null ? null : firstObject(r);
                PipelinePlan plan = inputs.check(withBatchOutput(r, mode), "items[" + i + "].");
                Path dir = batchDir == null ? null
                        : OutputFolders.child(batchDir, "item_" + i + "_" + String.join("-", plan.objectNames()));
                itemDir = dir == null ? null : folders.display(dir);
                ProgressWindow share = new ProgressWindow(job, 100 * i / total, 100 * (i + 1) / total);
                PipelineResult result = runner.run(job, plan, dir, item.capture(), share);
                int poses = result.objects().stream().mapToInt(o -> o.poses().size()).sum();
                results.add(new BatchSummary.Item(i, className, objectName, "completed", null, ms(itemStart), poses,
                        itemDir));
            } catch (JobCancelledException e) {
                cancelled = true;
                results.add(new BatchSummary.Item(i, className, objectName, "cancelled", e.getMessage(),
                        ms(itemStart), 0, itemDir));
            } catch (RuntimeException e) {
                String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (e instanceof ApiException a && a.field() != null && !error.startsWith(a.field())) {
                    error = a.field() + ": " + error;
                }
                log.warn("job {}: batch item {} failed: {}", job.jobId(), i, error);
                results.add(new BatchSummary.Item(i, className, objectName, "failed", error, ms(itemStart), 0,
                        itemDir));
            }
        }
        int succeeded = (int) results.stream().filter(r -> r.status().equals("completed")).count();
        int failed = (int) results.stream().filter(r -> r.status().equals("failed")).count();
        BatchSummary summary = new BatchSummary(total, succeeded, failed, results, startedAt, clock.instant(),
                ms(start), batchDir == null ? null : folders.display(batchDir));
        if (batchDir != null) {
            writer.writeJson(batchDir.resolve("batch_summary.json"), summary);
        }
        log.info("job {}: batch of {} done: {} succeeded, {} failed", job.jobId(), total, succeeded, failed);
        if (cancelled) {
            throw new JobCancelledException("cancelled by request after " + (succeeded + failed) + " of " + total
                    + " items", summary);
        }
        return summary;
    }

    /** The batch decides where items write: its own mode, into its folder. */
    private static FullPipelineRequest withBatchOutput(FullPipelineRequest r, OutputMode mode) {
        if (r == null) {
            return null;
        }
        return new FullPipelineRequest(r.className(), r.objectName(), r.objectNames(), r.inputImages(), r.images(),
                mode.key(), null, r.scoreThreshold(), r.maxDetections(), r.forceRegenerate(), null);
    }

    private static String firstObject(FullPipelineRequest r) {
        if (r.objectName() != null) {
            return r.objectName();
        }
        return r.objectNames() == null || r.objectNames().isEmpty() ? null : String.join(",", r.objectNames());
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
