package io.sam6d.vision.djl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code tools/export-sam6d} for tests: the small random-weight networks of SAM-6D's architectures, exported once
 * per JVM into {@code target/sam6d-small/}. Needs a Python 3 with PyTorch: {@code -Dsam6d.python}, then
 * {@code SAM6D_PYTHON}, {@code /usr/bin/python3} and {@code python3} are tried ({@code scripts/test.sh} installs
 * Debian's python3-torch when none has it). Without one the tests fail and say how to get it; they are skipped only
 * when asked with {@code -Dsam6d.torch.skip=true}.
 */
public final class Sam6dExport {

    /** The export tool's output and exit code. */
    public record Run(int exitCode, String output) {
    }

    private static Path python;
    private static Path small;

    private Sam6dExport() {
    }

    /** The repository's {@code tools/export-sam6d/export_sam6d.py}, found upwards from the working directory. */
    public static Path tool() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path t = dir.resolve("tools/export-sam6d/export_sam6d.py");
            if (Files.isRegularFile(t)) {
                return t;
            }
        }
        throw new IllegalStateException("tools/export-sam6d/export_sam6d.py not found above " + Path.of("")
                .toAbsolutePath());
    }

    /** A Python interpreter that imports torch. */
    public static synchronized Path python() {
        Assumptions.assumeFalse(Boolean.getBoolean("sam6d.torch.skip"),
                "sam6d.torch.skip=true: the tests of the SAM-6D exports are skipped on request");
        if (python != null) {
            return python;
        }
        List<String> candidates = new ArrayList<>();
        if (System.getProperty("sam6d.python") != null) {
            candidates.add(System.getProperty("sam6d.python"));
        }
        if (System.getenv("SAM6D_PYTHON") != null) {
            candidates.add(System.getenv("SAM6D_PYTHON"));
        }
        candidates.add("/usr/bin/python3");
        candidates.add("python3");
        for (String c : candidates) {
            if (exec(List.of(c, "-c", "import torch"), 120).exitCode() == 0) {
                python = Path.of(c);
                return python;
            }
        }
        throw new AssertionError("no Python with PyTorch found (tried " + candidates + "): install Debian's"
                + " python3-torch (tools/export-sam6d/ensure-torch.sh does, as scripts/test.sh runs it), point"
                + " -Dsam6d.python or SAM6D_PYTHON at one, or skip these tests with -Dsam6d.torch.skip=true");
    }

    /** Runs the export tool with these arguments. */
    public static Run export(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(python().toString(), tool().toString()));
        cmd.addAll(args);
        return exec(cmd, 600);
    }

    /** Runs a Python snippet with the interpreter that has torch. */
    public static Run python(String code) {
        return exec(List.of(python().toString(), "-c", code), 300);
    }

    /**
     * {@code sam6d_ism.pt}, {@code sam6d_pem.pt} and their random checkpoints, exported once per JVM; an export that
     * vision-djl's tests left in this build ({@code vision-djl/target/sam6d-small}, newer than every file of the
     * tool) is used as it is.
     */
    public static synchronized Path smallNetworks() {
        if (small == null) {
            Path earlier = tool().getParent().getParent().getParent().resolve("vision-djl/target/sam6d-small");
            if (upToDate(earlier)) {
                python(); // the tests of these files still need torch, and say so when it is missing
                small = earlier;
                return small;
            }
            Path dir = Path.of("target", "sam6d-small").toAbsolutePath();
            Run r = export(List.of("small", "--out-dir", dir.toString()));
            if (r.exitCode() != 0) {
                throw new AssertionError("export_sam6d.py small failed (" + r.exitCode() + "):\n" + r.output());
            }
            System.out.println(r.output());
            small = dir;
        }
        return small;
    }

    private static boolean upToDate(Path dir) {
        try (var files = Files.walk(tool().getParent())) {
            Path ism = dir.resolve("sam6d_ism.pt"), pem = dir.resolve("sam6d_pem.pt");
            if (!Files.isRegularFile(ism) || !Files.isRegularFile(pem)) {
                return false;
            }
            long written = Math.min(Files.getLastModifiedTime(ism).toMillis(),
                    Files.getLastModifiedTime(pem).toMillis());
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f) && f.toString().endsWith(".py")
                        && Files.getLastModifiedTime(f).toMillis() > written) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Run exec(List<String> cmd, int timeoutS) {
        try {
            Path log = Files.createTempFile("sam6d-export", ".log");
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Run(-1, "timed out after " + timeoutS + " s: " + cmd + "\n" + Files.readString(log));
                }
                return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return new Run(-1, cmd.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
