package io.sam6d.main.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.sam6d.support.files.StaticDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * With {@code OUTPUT_RETENTION} set (e.g. {@code 30d}), the output folders of finished workflows under
 * {@code static/output/} (tagged or named, {@link OutputFolders}: a folder holding {@code result.json} or
 * {@code batch_summary.json}) in which nothing was written for longer than that are deleted, with the folders they
 * leave empty, at start-up and then every hour. A job still writing has no result yet and other folders (the
 * benchmark's) are never touched. Unset: outputs are kept.
 */
@Component
class OutputRetention {

    private static final Logger log = LoggerFactory.getLogger(OutputRetention.class);
    /** What a workflow writes last into its folder ({@link ResultWriter}, the batch runner). */
    private static final List<String> RESULT_FILES = List.of("result.json", "batch_summary.json");

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
        Path root = staticDir.output();
        if (retention == null || retention.isZero() || retention.isNegative() || !Files.isDirectory(root)) {
            return;
        }
        Instant cutoff = clock.instant().minus(retention);
        List<Path> expired = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (dir.equals(root) || RESULT_FILES.stream().noneMatch(f -> Files.isRegularFile(dir.resolve(f)))) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (newest(dir).isBefore(cutoff)) {
                        expired.add(dir);
                    }
                    return FileVisitResult.SKIP_SUBTREE; // one workflow's folder: its items are part of it
                }
            });
            for (Path dir : expired) {
                deleteTree(dir);
                for (Path p = dir.getParent(); !p.equals(root) && isEmpty(p); p = p.getParent()) {
                    Files.delete(p);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("output retention: could not clean {}: {}", root, e.toString());
        }
        if (!expired.isEmpty()) {
            log.info("output retention: removed {} output folder(s) untouched for {} (OUTPUT_RETENTION)",
                    expired.size(), retention);
        }
    }

    /** The latest modification of anything in the folder. */
    private static Instant newest(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.map(p -> {
                try {
                    return Files.getLastModifiedTime(p).toInstant();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).max(Comparator.naturalOrder()).orElse(Instant.MAX);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
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
