package io.sam6d.vision.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the benchmark mains find the project's real data when none is given: {@code <dir>/data} for the system
 * property {@code sam6d.shared.dir} or the environment variable {@code SAM6D_SHARED_DIR}, else {@code ../shared/data}
 * (run from the repository root) or {@code ../../shared/data} (run from a module directory).
 */
final class SharedDataDir {

    private SharedDataDir() {
    }

    static Path data() {
        String shared = System.getProperty("sam6d.shared.dir", System.getenv("SAM6D_SHARED_DIR"));
        Path p = shared != null ? Path.of(shared).resolve("data") : Path.of("..", "shared", "data");
        if (shared == null && !Files.isDirectory(p)) {
            p = Path.of("..", "..", "shared", "data");
        }
        if (!Files.isDirectory(p)) {
            throw new UncheckedIOException(new IOException("shared data not found at " + p.toAbsolutePath()
                    + "; set -Dsam6d.shared.dir or SAM6D_SHARED_DIR"));
        }
        return p.toAbsolutePath().normalize();
    }
}
