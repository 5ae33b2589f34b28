package io.sam6d.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One server of the suite as a separate process, started from its repackaged Boot jar
 * ({@code <module>/target/<module>.jar}) on a free port, its output in {@code suite-tests/target/suite-logs/}.
 * {@link #kill()} is {@code kill -9}: no shutdown hooks, no graceful shutdown, as a crash would leave it.
 */
final class ServerProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final List<String> jvmOptions;
    private final Map<String, String> env;
    private final Path workDir;
    private final List<Path> logs = new ArrayList<>();
    private Process process;

    ServerProcess(String name, String module, String portVariable, List<String> jvmOptions, Map<String, String> env,
            Path workDir) {
        this.name = name;
        this.jar = jar(module);
        this.port = freePort();
        this.jvmOptions = jvmOptions;
        this.env = new LinkedHashMap<>(env);
        this.env.put(portVariable, String.valueOf(port));
        this.workDir = workDir;
    }

    static Path repoDir() {
        return Path.of(System.getProperty("sam6d.repo.dir", "..")).toAbsolutePath().normalize();
    }

    static Path jar(String module) {
        Path jar = repoDir().resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the suite tests start the packaged servers; run "
                    + "`mvn -B verify` from the root (or `mvn -B -DskipTests package` first)");
        }
        return jar;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.toString());
        Path log = logDir().resolve(name + "-" + (logs.size() + 1) + ".log");
        logs.add(log);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // only what is set here configures the server: nothing of the calling shell's sam6d settings leaks in
        pb.environment().keySet().removeIf(k -> k.matches("(DB|ISM|PEM|RENDER|MAIN|AUTH|REDIS|STATIC|LOG|SAM6D|RSS"
                + "|COMPUTE|SPRING|INTERNAL|CACHE|CORS|JOB|WORKFLOW)_.*"));
        pb.environment().putAll(env);
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until {@code /actuator/health} answers 200 with status UP. */
    void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; "
                        + "log " + currentLog() + ":\n" + logTail(60));
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200 && r.body().contains("\"status\":\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " not healthy within " + timeout + " (last: " + last + "); log "
                + currentLog() + ":\n" + logTail(60));
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /**
     * {@code kill -STOP}: the server stops answering but keeps its port (connections wait in the kernel's
     * backlog), so a caller's request hangs until {@link #kill()} resets it. Linux and macOS.
     */
    void freeze() {
        try {
            Process stop = new ProcessBuilder("kill", "-STOP", String.valueOf(process.pid())).inheritIO().start();
            if (stop.waitFor() != 0) {
                throw new IllegalStateException("kill -STOP " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code kill -9} of the server and anything it started. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void restart(Duration timeout) {
        kill();
        start();
        awaitHealthy(timeout);
    }

    Path currentLog() {
        return logs.isEmpty() ? null : logs.get(logs.size() - 1);
    }

    List<Path> logs() {
        return List.copyOf(logs);
    }

    String logTail(int lines) {
        Path log = currentLog();
        if (log == null || !Files.exists(log)) {
            return "(no log)";
        }
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    static Path logDir() {
        Path dir = repoDir().resolve("suite-tests/target/suite-logs");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
