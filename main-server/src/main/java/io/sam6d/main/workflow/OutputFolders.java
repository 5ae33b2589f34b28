package io.sam6d.main.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.sam6d.support.files.StaticDirectory;
import org.springframework.stereotype.Component;

/**
 * Output folders {@code static/output/<yyyyMMdd_HHmmss>_<tag>/} (UTC). Two jobs with the same tag in the same second
 * get {@code _2}, {@code _3}, ...: every run writes into a folder of its own, so a retried job never mixes files
 * with its earlier attempt.
 */
@Component
class OutputFolders {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
            .withZone(ZoneOffset.UTC);

    private final StaticDirectory staticDir;
    private final Clock clock;

    OutputFolders(StaticDirectory staticDir, Clock clock) {
        this.staticDir = staticDir;
        this.clock = clock;
    }

    Path create(String tag) {
        String base = STAMP.format(clock.instant()) + "_" + tag;
        try {
            Files.createDirectories(staticDir.output());
            for (int n = 1; ; n++) {
                Path dir = staticDir.output().resolve(n == 1 ? base : base + "_" + n);
                try {
                    return Files.createDirectory(dir);
                } catch (FileAlreadyExistsException e) {
                    // taken by another job this second: next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an output folder under " + staticDir.output(), e);
        }
    }

    /** A sub-folder of a batch's folder for one item. */
    static Path child(Path parent, String name) {
        try {
            return Files.createDirectories(parent.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + parent.resolve(name), e);
        }
    }

    /** The folder as the API shows it: relative to static/, e.g. {@code output/20260101_120000_demo}. */
    String display(Path dir) {
        return staticDir.root().relativize(dir.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
