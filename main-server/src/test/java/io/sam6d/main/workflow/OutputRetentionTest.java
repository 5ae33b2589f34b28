package io.sam6d.main.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import io.sam6d.support.files.StaticDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputRetentionTest {

    @TempDir
    Path root;

    @Test
    void finishedOutputFoldersUntouchedLongerThanTheRetentionAreRemovedOthersStay() throws Exception {
        Path out = Files.createDirectories(root.resolve("output"));
        Path tagged = folder(out.resolve("20250101_120000_demo"), "result.json", Duration.ofDays(40));
        folder(out.resolve("20250101_130000_batch/item_0_can"), "result.json", Duration.ofDays(40));
        Path batch = folder(out.resolve("20250101_130000_batch"), "batch_summary.json", Duration.ofDays(40));
        Path named = folder(out.resolve("robot1/run_12345"), "result.json", Duration.ofDays(40));
        Path recent = folder(out.resolve("20250301_120000_demo"), "result.json", Duration.ofDays(2));
        Path writing = folder(out.resolve("20250101_140000_running"), "mask_0_can.png", Duration.ofDays(40));
        Path bench = folder(out.resolve("bench/run1"), "summary.json", Duration.ofDays(400));

        new OutputRetention(new StaticDirectory(root), Duration.ofDays(30), Clock.systemUTC()).sweep();
        assertThat(tagged).doesNotExist();
        assertThat(batch).doesNotExist();
        assertThat(named).doesNotExist();
        assertThat(out.resolve("robot1")).as("left empty").doesNotExist();
        assertThat(recent).exists();
        assertThat(writing).as("no result yet").exists();
        assertThat(bench).as("not a workflow's folder").exists();

        new OutputRetention(new StaticDirectory(root), null, Clock.systemUTC()).sweep();
        assertThat(recent).as("off when unset").exists();
    }

    /** A folder holding one file, everything in it last written {@code age} ago. */
    private static Path folder(Path dir, String file, Duration age) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(file), "{}");
        FileTime then = FileTime.from(Instant.now().minus(age));
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setLastModifiedTime(p, then);
            }
        }
        return dir;
    }
}
