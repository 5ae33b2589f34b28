package io.sam6d.main.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.sam6d.support.files.StaticDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * With {@code OUTPUT_RETENTION} set (e.g. {@code 30d}), the output folders of workflows
 * ({@code static/output/<yyyyMMdd_HHmmss>_<tag>/}, {@link OutputFolders}) not written to for longer than that are
 * deleted, at start-up and then every hour; other folders under {@code static/output/} (the benchmark's) are never
 * touched. Unset: outputs are kept.
 */
@Component
class OutputRetention {

    private static final Logger log = LoggerFactory.getLogger(OutputRetention.class);
    private static final Pattern WORKFLOW_FOLDER = Pattern.compile("\\d{8}_\\d{6}_.+");

    private final StaticDirectory staticDir;
    private final Duration retention;
    private final Clock clock;

    OutputRetention(StaticDirectory staticDir, @Value("${sam6d.workflow.output-retention:}") Duration retention,
            Clock clock) {
        this.staticDir = staticDir;
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${sam6d.workflow.output-retention-check:1h}")
    void sweep() {
        if (retention == null || retention.isZero() || retention.isNegative() || !Files.isDirectory(
                staticDir.output())) {
            return;
        }
        Instant cutoff = clock.instant().minus(retention);
        int removed = 0;
        try (Stream<Path> dirs = Files.list(staticDir.output())) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                if (Files.isDirectory(dir) && WORKFLOW_FOLDER.matcher(dir.getFileName().toString()).matches()
                        && Files.getLastModifiedTime(dir).toInstant().isBefore(cutoff)) {
                    deleteTree(dir);
                    removed++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("output retention: could not clean {}: {}", staticDir.output(), e.toString());
        }
        if (removed > 0) {
            log.info("output retention: removed {} output folder(s) older than {} (OUTPUT_RETENTION)", removed,
                    retention);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
