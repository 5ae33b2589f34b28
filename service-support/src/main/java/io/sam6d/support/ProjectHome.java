package io.sam6d.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the suite's project root once, as an absolute path, whatever directory a server starts in.
 *
 * <p>Order: the {@code SAM6D_HOME} setting (environment variable or system property) when given;
 * otherwise the nearest directory at or above the working directory that holds {@code config.env}
 * (the repository root); otherwise the working directory itself.
 */
public final class ProjectHome {

    public static final String MARKER_FILE = "config.env";

    private ProjectHome() {
    }

    /** Resolves the project root from an explicit setting (may be null or blank) and a start directory. */
    public static Path resolve(String explicitHome, Path startDir) {
        if (explicitHome != null && !explicitHome.isBlank()) {
            return Path.of(explicitHome).toAbsolutePath().normalize();
        }
        Path start = startDir.toAbsolutePath().normalize();
        return findMarker(start).orElse(start);
    }

    private static Optional<Path> findMarker(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(MARKER_FILE))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
