package io.sam6d.main.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.sam6d.support.files.StaticDirectory;
import io.sam6d.support.web.ApiException;
import org.springframework.stereotype.Component;

/**
 * Output folders under {@code static/output/}. A request's {@code output_dir} is either a tag, giving
 * {@code <yyyyMMdd_HHmmss>_<tag>/} (UTC), or a folder named as a path under {@code static/output/}
 * ({@code static/output/run_12345}, {@code output/run_12345}, {@code output/robot1/run_12345}). A folder that exists
 * already gets {@code _2}, {@code _3}, ...: every run writes into a folder of its own, so a retried job never mixes
 * files with its earlier attempt and two jobs never write into one folder.
 */
@Component
class OutputFolders {

    /** Folder levels a path may name below {@code static/output/}. */
    static final int MAX_DEPTH = 8;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
            .withZone(ZoneOffset.UTC);

    /**
     * A checked {@code output_dir}: exactly one of the two is set.
     *
     * @param tag    a plain name, put after the time stamp
     * @param folder the folder's path below {@code static/output/}, {@code /}-separated, normalised
     */
    record OutputDir(String tag, String folder) {
    }

    private final StaticDirectory staticDir;
    private final Clock clock;

    OutputFolders(StaticDirectory staticDir, Clock clock) {
        this.staticDir = staticDir;
        this.clock = clock;
    }

    /**
     * Checks a request's {@code output_dir}; null when it is absent or blank.
     *
     * @throws ApiException 400 naming {@code field} when it is neither a tag nor a folder under static/output/
     */
    OutputDir parse(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim().replace('\\', '/');
        if (!v.contains("/")) {
            return new OutputDir(StaticDirectory.requireSafeName(v, field), null);
        }
        List<String> segments = new ArrayList<>();
        for (String s : v.split("/+")) {
            if (!s.isEmpty() && !s.equals(".")) {
                segments.add(s);
            }
        }
        if (v.startsWith("/") || segments.size() < 2
                || !(segments.get(0).equals("output")
                        || segments.get(0).equals("static") && segments.get(1).equals("output"))) {
            throw notUnderOutput(field, value);
        }
        List<String> below = segments.subList(segments.get(0).equals("static") ? 2 : 1, segments.size());
        if (below.isEmpty() || below.size() > MAX_DEPTH) {
            throw notUnderOutput(field, value);
        }
        for (String s : below) {
            if (s.equals("..")) {
                throw notUnderOutput(field, value);
            }
            StaticDirectory.requireSafeName(s, field);
        }
        String folder = String.join("/", below);
        // the one gate for request paths: also refuses symbolic links that lead out of static/
        Path resolved = staticDir.resolveRequestPath("output/" + folder, field);
        if (!resolved.startsWith(staticDir.output()) || resolved.equals(staticDir.output())) {
            throw notUnderOutput(field, value);
        }
        return new OutputDir(null, folder);
    }

    private static ApiException notUnderOutput(String field, String value) {
        String shown = value.length() > 120 ? value.substring(0, 117) + "..." : value;
        return ApiException.badRequest(field, field + " '" + shown + "' must be a tag (letters, digits, '.', '-',"
                + " '_') or a folder under static/output/, e.g. static/output/run_12345 (at most " + MAX_DEPTH
                + " levels, no '..')");
    }

    /**
     * Creates the folder a run writes into.
     *
     * @param requested  the request's output_dir, or null
     * @param defaultTag the tag when none was requested
     */
    Path create(OutputDir requested, String defaultTag) {
        Path base = requested != null && requested.folder() != null
                ? staticDir.output().resolve(requested.folder())
                : staticDir.output().resolve(STAMP.format(clock.instant()) + "_"
                        + (requested != null ? requested.tag() : defaultTag));
        try {
            Files.createDirectories(base.getParent());
            for (int n = 1; ; n++) {
                Path dir = n == 1 ? base : base.resolveSibling(base.getFileName() + "_" + n);
                try {
                    return Files.createDirectory(dir);
                } catch (FileAlreadyExistsException e) {
                    // taken by an earlier run or another job: next suffix
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

    /**
     * A folder the API showed ({@link #display}), back as a path; null when it is not a folder under
     * {@code static/output/} (an old or tampered record).
     */
    Path resolveShown(String shown) {
        if (shown == null || shown.isBlank()) {
            return null;
        }
        Path dir = staticDir.root().resolve(shown).normalize();
        return dir.startsWith(staticDir.output()) && !dir.equals(staticDir.output()) ? dir : null;
    }
}
