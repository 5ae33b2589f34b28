package io.sam6d.main.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.sam6d.support.files.StaticDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputRetentionTest {

    @TempDir
    Path root;

    @Test
    void workflowOutputFoldersOlderThanTheRetentionAreRemovedOthersStay() throws Exception {
        Path out = Files.createDirectories(root.resolve("output"));
        Files.writeString(Files.createDirectories(out.resolve("20250101_120000_demo/item_0_can"))
                .resolve("result.json"), "{}");
        Path old = folder(out, "20250101_120000_demo", Duration.ofDays(40));
        Path recent = folder(out, "20250301_120000_demo", Duration.ofDays(2));
        Path bench = folder(out, "bench", Duration.ofDays(400));

        new OutputRetention(new StaticDirectory(root), Duration.ofDays(30), Clock.systemUTC()).sweep();
        assertThat(old).doesNotExist();
        assertThat(recent).exists();
        assertThat(bench).as("not a workflow folder").exists();

        new OutputRetention(new StaticDirectory(root), null, Clock.systemUTC()).sweep();
        assertThat(recent).as("off when unset").exists();
    }

    private static Path folder(Path out, String name, Duration age) throws Exception {
        Path dir = Files.createDirectories(out.resolve(name));
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minus(age)));
        return dir;
    }
}
