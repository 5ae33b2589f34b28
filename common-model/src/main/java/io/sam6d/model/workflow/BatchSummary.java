package io.sam6d.model.workflow;

import java.time.Instant;
import java.util.List;

/**
 * The output of a batch job (and {@code batch_summary.json}).
 *
 * @param outputDir the batch's folder relative to {@code static/} (items are in its sub-folders), null for mode none
 */
public record BatchSummary(int total, int succeeded, int failed, List<Item> items, Instant startedAt,
        Instant finishedAt, long durationMs, String outputDir) {

    /**
     * @param status    {@code completed}, {@code failed} or {@code cancelled}
     * @param outputDir the item's folder relative to {@code static/}, or null
     */
    public record Item(int index, String className, String objectName, String status, String error, long durationMs,
            int posesFound, String outputDir) {
    }
}
