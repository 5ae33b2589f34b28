package io.sam6d.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the client talks to: its output streams, its environment (for {@code SAM6D_URL}, {@code SAM6D_TOKEN}, ...),
 * its working directory, and whether the output is an interactive terminal (progress bars) or a pipe (plain lines).
 * Tests give their own.
 *
 * @param interactive a terminal that redraws lines, rather than a file or pipe
 * @param width       columns of the terminal
 */
public record Terminal(PrintWriter out, PrintWriter err, Map<String, String> env, Path workDir, boolean interactive,
        int width) {

    /** The process's own: interactive when stdin and stdout are a terminal and TERM is not dumb. */
    public static Terminal system() {
        boolean tty = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        int width = 100;
        try {
            width = Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100")));
        } catch (NumberFormatException e) {
            // keep the default
        }
        return new Terminal(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), System.getenv(),
                Path.of("").toAbsolutePath(), tty, width);
    }

    String env(String key) {
        String v = env.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** A path as the user gave it, relative to the working directory. */
    Path path(String given) {
        return workDir.resolve(given).normalize();
    }
}
