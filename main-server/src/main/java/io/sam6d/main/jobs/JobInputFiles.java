package io.sam6d.main.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.sam6d.support.files.StaticDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A job's own input files, {@code static/jobs/<job_id>/} (images sent in a request body, written once so the job row
 * holds their paths, not their bytes). They live as long as the job's row: deleted when it is purged.
 */
@Component
public class JobInputFiles {

    private static final Logger log = LoggerFactory.getLogger(JobInputFiles.class);

    private final StaticDirectory staticDir;

    JobInputFiles(StaticDirectory staticDir) {
        this.staticDir = staticDir;
    }

    /** The job's folder (created), for files its input refers to. */
    public Path folder(String jobId) {
        try {
            return Files.createDirectories(root().resolve(jobId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the job's folder under " + root(), e);
        }
    }

    /** A path under the job's folder as requests name files: relative to {@code static/}. */
    public String requestPath(String jobId, String file) {
        return "jobs/" + jobId + "/" + file;
    }

    void delete(String jobId) {
        Path dir = root().resolve(jobId);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("job {}: its files under {} could not all be deleted: {}", jobId, dir, e.toString());
        }
    }

    private Path root() {
        return staticDir.root().resolve("jobs");
    }
}
