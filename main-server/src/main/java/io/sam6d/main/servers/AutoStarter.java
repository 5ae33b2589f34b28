package io.sam6d.main.servers;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.sam6d.main.compute.ComputeService;
import io.sam6d.model.servers.AutoStartReport;
import io.sam6d.model.servers.AutoStartReport.Outcome;
import io.sam6d.model.servers.ServersStatusResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code AUTO_START_DEPENDENCIES=true}: once main-server is up, checks the compute servers and runs
 * {@code docker compose -f <compose file> up -d <service>-server} for every service without a healthy replica
 * (falling back to {@code docker-compose}). Runs on its own thread with a timeout per command, so start-up never
 * waits for it; the outcome appears as {@code auto_start} in {@code /api/v1/servers/status}.
 */
@Component
@EnableConfigurationProperties(AutoStartSettings.class)
class AutoStarter {

    private static final Logger log = LoggerFactory.getLogger(AutoStarter.class);

    /** {@code <cmd> version} must answer within this to count as a working compose command. */
    private static final long VERSION_TIMEOUT_S = 30;

    private final AutoStartSettings settings;
    private final ServerMonitor monitor;
    private final AtomicReference<AutoStartReport> report = new AtomicReference<>();

    AutoStarter(AutoStartSettings settings, ServerMonitor monitor) {
        this.settings = settings;
        this.monitor = monitor;
        report.set(settings.enabled()
                ? new AutoStartReport(true, "pending", null, "waiting for the first health check", Map.of())
                : new AutoStartReport(false, "disabled", null, null, Map.of()));
    }

    AutoStartReport report() {
        return report.get();
    }

    @EventListener(ApplicationReadyEvent.class)
    void startInBackground() {
        if (!settings.enabled()) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                report.set(run(monitor.status(true)));
            } catch (RuntimeException e) {
                log.error("auto-start of compute servers failed", e);
                report.set(new AutoStartReport(true, "finished", null, "auto-start failed: " + e, Map.of()));
            }
        }, "auto-start");
        t.setDaemon(true);
        t.start();
    }

    AutoStartReport run(ServersStatusResponse status) {
        List<ComputeService> down = Arrays.stream(ComputeService.values())
                .filter(s -> !ReplicaCheck.HEALTHY.equals(status.servers().get(s.key()).status())).toList();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Arrays.stream(ComputeService.values()).filter(s -> !down.contains(s))
                .forEach(s -> outcomes.put(s.key(), new Outcome("not_needed", "a replica is healthy")));
        if (down.isEmpty()) {
            return new AutoStartReport(true, "finished", null, "every compute service has a healthy replica",
                    outcomes);
        }
        Optional<List<String>> command = composeCommand();
        if (command.isEmpty()) {
            String message = "cannot start " + String.join(", ", down.stream().map(AutoStarter::composeService)
                    .toList()) + ": none of the compose commands " + settings.commands()
                    + " is available; start them by hand or install Docker Compose";
            log.warn("AUTO_START_DEPENDENCIES: {}", message);
            down.forEach(s -> outcomes.put(s.key(), new Outcome("no_command", message)));
            return new AutoStartReport(true, "finished", null, message, outcomes);
        }
        for (ComputeService s : down) {
            outcomes.put(s.key(), up(command.get(), s));
        }
        long started = outcomes.values().stream().filter(o -> o.outcome().equals("started")).count();
        return new AutoStartReport(true, "finished", String.join(" ", command.get()),
                "started " + started + " of " + down.size() + " compute service(s) that were down", outcomes);
    }

    private Outcome up(List<String> command, ComputeService service) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("-f", settings.composeFile().toString(), "up", "-d", composeService(service)));
        log.info("AUTO_START_DEPENDENCIES: {} has no healthy replica, running {}", service.key(),
                String.join(" ", args));
        Run run = execute(args, settings.timeout().toMillis());
        Outcome outcome = run.timedOut() ? new Outcome("timed_out", "no result within " + settings.timeout()
                + "; " + run.output())
                : run.exitCode() == 0 ? new Outcome("started", run.output())
                : new Outcome("failed", "exit code " + run.exitCode() + ": " + run.output());
        (outcome.outcome().equals("started") ? log.atInfo() : log.atWarn())
                .log("AUTO_START_DEPENDENCIES: {} {}: {}", composeService(service), outcome.outcome(),
                        outcome.detail());
        return outcome;
    }

    /** The first configured command whose executable exists and that answers {@code version}. */
    private Optional<List<String>> composeCommand() {
        for (String configured : settings.commands()) {
            List<String> command = List.of(configured.trim().split("\\s+"));
            if (command.get(0).isEmpty() || executable(command.get(0)).isEmpty()) {
                continue;
            }
            List<String> version = new ArrayList<>(command);
            version.add("version");
            Run run = execute(version, TimeUnit.SECONDS.toMillis(VERSION_TIMEOUT_S));
            if (!run.timedOut() && run.exitCode() == 0) {
                return Optional.of(command);
            }
            log.info("AUTO_START_DEPENDENCIES: '{}' is not usable ({})", configured, run.output());
        }
        return Optional.empty();
    }

    /** A name with a slash is a path; otherwise it is looked up on PATH. */
    static Optional<Path> executable(String name) {
        if (name.contains(File.separator)) {
            Path p = Path.of(name);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator)).filter(d -> !d.isBlank())
                .map(d -> Path.of(d).resolve(name))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    private record Run(int exitCode, boolean timedOut, String output) {
    }

    private static Run execute(List<String> args, long timeoutMs) {
        Path out = null;
        try {
            out = Files.createTempFile("sam6d-auto-start-", ".log");
            Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean done = p.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            return new Run(done ? p.exitValue() : -1, !done, tail(out));
        } catch (IOException e) {
            return new Run(-1, false, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, false, "interrupted");
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /** The last lines of a command's output, enough to see why it failed. */
    private static String tail(Path file) throws IOException {
        List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    /** The service's name in docker-compose.sam6d.yml. */
    static String composeService(ComputeService service) {
        return service.key() + "-server";
    }
}
