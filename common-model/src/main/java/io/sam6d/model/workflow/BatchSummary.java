package io.sam6d.model.workflow;

import java.time.Instant;
import java.util.List;

/** The output of a batch job (and {@code batch_summary.json}). */
public record BatchSummary(int total, int succeeded, int failed, List<Item> items, Instant startedAt,
        Instant finishedAt, long durationMs) {

    /**
     * @param status    {@code completed}, {@code failed} or {@code cancelled}
     * @param outputDir the item's folder relative to the project root, or null
     */
    public record Item(int index, String className, String objectName, String status, String error, long durationMs,
            int posesFound, String outputDir) {
    }
}
