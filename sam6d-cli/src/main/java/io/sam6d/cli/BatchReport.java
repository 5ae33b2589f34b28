package io.sam6d.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The summary {@code batch} and {@code rss} write ({@code rss_batch_summary.json} by default, the design documents'
 * name): main-server's batch summary with each item's frame and job id.
 *
 * @param mainServer main-server's URL
 */
record BatchReport(String mainServer, int total, int succeeded, int failed, List<Item> items, Instant startedAt,
        Instant finishedAt, long durationMs) {

    /**
     * @param status    {@code completed}, {@code failed}, {@code cancelled}, {@code timed_out} or
     *                  {@code not_submitted}
     * @param outputDir the item's folder on main-server, relative to its static/; null for mode none
     */
    record Item(int index, String className, String objectName, String frame, String jobId, String status,
            String error, long durationMs, int posesFound, String outputDir) {
    }

    static BatchReport of(String mainServer, String className, List<Tracked> tracked, Instant startedAt) {
        List<Item> items = tracked.stream().map(t -> new Item(t.index, className, t.objectName, t.frame, t.jobId,
                t.status, t.error, t.durationMs, t.posesFound, t.outputDir)).toList();
        int succeeded = (int) tracked.stream().filter(Tracked::completed).count();
        Instant now = Instant.now();
        return new BatchReport(mainServer, items.size(), succeeded, items.size() - succeeded, items, startedAt, now,
                now.toEpochMilli() - startedAt.toEpochMilli());
    }

    void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, Json.write(this) + "\n");
        } catch (IOException e) {
            throw CliException.usage("cannot write the summary to " + file + ": " + e.getMessage());
        }
    }
}
