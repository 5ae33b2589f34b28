package io.sam6d.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.sam6d.model.objects.ObjectSummary;
import picocli.CommandLine.Option;

/** What {@code batch} and {@code rss} share: the objects, the output, the summary, following the jobs. */
final class BatchOptions {

    @Option(names = {"-c", "--class"}, required = true, paramLabel = "CLASS", description = "the objects' class")
    String className;

    @Option(names = {"-o", "--objects"}, required = true, paramLabel = "OBJECTS", split = ",",
            description = "objects, comma-separated, or `all` (every object of the class)")
    List<String> objects;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "results_only",
            description = "full, results_only or none (default: results_only)")
    String mode;

    @Option(names = "--tag", paramLabel = "TAG", description = "start of main-server's output folder names")
    String tag;

    @Option(names = "--summary", paramLabel = "FILE", defaultValue = "rss_batch_summary.json",
            description = "where the summary JSON is written (default: rss_batch_summary.json)")
    Path summary;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
            description = "stop following after this long (default: 1h); jobs in flight go on")
    Duration timeout;

    /** Usage errors before anything is sent. */
    void check() {
        Sam6d.outputMode(mode);
    }

    /** The objects as named, or every object of the class for {@code all}. */
    List<String> objectNames(MainServer api) {
        List<String> names = objects.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (names.isEmpty()) {
            throw CliException.usage("--objects names no object");
        }
        if (names.size() == 1 && names.get(0).equals("all")) {
            List<String> all = api.objectsOf(className).objects().stream().map(ObjectSummary::name).toList();
            if (all.isEmpty()) {
                throw new CliException(ExitCodes.REFUSED, "class " + className + " has no objects on "
                        + api.baseUrl());
            }
            return all;
        }
        return names;
    }

    /** A tag for one item's output folder, when --tag is given. */
    String tagFor(String... parts) {
        return tag == null ? null : (tag + "_" + String.join("_", parts)).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Runs the items, writes and prints the summary; the exit code. */
    int run(Sam6d root, MainServer api, List<Tracked> items, int parallel) {
        Instant startedAt = Instant.now();
        if (!root.json) {
            root.println("%d job(s) on %s: class %s, output mode %s", items.size(), api.baseUrl(), className, mode);
        }
        root.tracker(timeout).run(items, parallel);
        BatchReport report = BatchReport.of(api.baseUrl(), className, items, startedAt);
        Path file = root.terminal.workDir().resolve(summary);
        report.write(file);
        if (root.json) {
            root.printJson(report);
        } else {
            root.println("done: %d of %d completed, %d failed in %s; summary in %s", report.succeeded(),
                    report.total(), report.failed(), Sam6d.seconds(report.durationMs()), summary);
        }
        return JobTracker.exitCode(items);
    }
}
