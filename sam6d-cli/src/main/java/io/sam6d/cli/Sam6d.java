package io.sam6d.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code sam6d}: the command-line client of main-server. The options here apply to every command; each command is a
 * class of its own. Output is text for people, or JSON with {@code --json}; the exit code says how it went
 * ({@link ExitCodes}).
 */
@Command(name = "sam6d", mixinStandardHelpOptions = true, versionProvider = Sam6d.Version.class,
        description = {"Finds known objects in RGB-D frames and their 6D poses through sam6d-suite's main-server.",
            "Long work shows a progress bar per job and per batch on a terminal, plain lines when piped."},
        subcommands = {StatusCommand.class, ObjectsCommand.class, RenderCommand.class, RunCommand.class,
            BatchCommand.class, RssCommand.class, JobsCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nEnvironment:%n",
        footer = {"  SAM6D_URL         main-server's URL (instead of --url)",
            "  SAM6D_TOKEN       a bearer token (POST /api/v1/auth/token gives one)",
            "  SAM6D_TOKEN_FILE  a file holding the bearer token (instead of --token-file)"})
public final class Sam6d implements Runnable {

    static final String DEFAULT_URL = "http://localhost:8001";

    final Terminal terminal;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "main-server's base URL (default: $SAM6D_URL, else " + DEFAULT_URL + ")")
    String url;

    @Option(names = "--token-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "a file holding the bearer token (default: $SAM6D_TOKEN, else the file $SAM6D_TOKEN_FILE)")
    Path tokenFile;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "print JSON for scripts (the answer, the finished job or the summary), no progress")
    boolean json;

    @Option(names = "--progress", scope = ScopeType.INHERIT, paramLabel = "MODE", defaultValue = "auto",
            description = "auto (bars on a terminal, lines when piped), bars, lines or none (default: auto)")
    ProgressView.Mode progress;

    @Option(names = "--poll", scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = "1s",
            converter = DurationConverter.class, description = "how often a job's state is asked for (default: 1s)")
    Duration poll;

    Sam6d(Terminal terminal) {
        this.terminal = terminal;
    }

    /** Runs a command line; returns the exit code. */
    public static int execute(String[] args, Terminal terminal) {
        CommandLine cl = new CommandLine(new Sam6d(terminal));
        cl.setOut(terminal.out());
        cl.setErr(terminal.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        Map<String, String> codes = new LinkedHashMap<>();
        for (String d : ExitCodes.DESCRIPTIONS) {
            int colon = d.indexOf(':');
            codes.put(d.substring(0, colon), d.substring(colon + 1));
        }
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        cl.setParameterExceptionHandler((e, args2) -> {
            CommandLine cmd = e.getCommandLine();
            terminal.err().println("sam6d: " + e.getMessage());
            terminal.err().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
            terminal.err().flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException c) {
                terminal.err().println("sam6d: " + c.getMessage());
                terminal.err().flush();
                return c.exitCode();
            }
            throw e;
        });
        int code = cl.execute(args);
        terminal.out().flush();
        terminal.err().flush();
        return code;
    }

    @Override
    public void run() {
        spec.commandLine().usage(terminal.out());
    }

    /** main-server, with the token when one is given. */
    MainServer api() {
        String base = url != null ? url : terminal.env("SAM6D_URL") != null ? terminal.env("SAM6D_URL") : DEFAULT_URL;
        if (!base.matches("(?i)https?://\\S+")) {
            throw CliException.usage("--url must be an http(s) URL, got " + base);
        }
        return new MainServer(base, token());
    }

    /** --token-file, else $SAM6D_TOKEN, else the file named by $SAM6D_TOKEN_FILE, else none. */
    String token() {
        Path file = tokenFile;
        if (file == null && terminal.env("SAM6D_TOKEN") != null) {
            return terminal.env("SAM6D_TOKEN");
        }
        if (file == null && terminal.env("SAM6D_TOKEN_FILE") != null) {
            file = Path.of(terminal.env("SAM6D_TOKEN_FILE"));
        }
        if (file == null) {
            return null;
        }
        try {
            String token = Files.readString(terminal.workDir().resolve(file)).strip();
            if (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)) {
                throw CliException.usage("the token file " + file + " must hold one token");
            }
            return token;
        } catch (IOException e) {
            throw CliException.usage("cannot read the token file " + file + ": " + e.getMessage());
        }
    }

    /** The output modes main-server knows; checked here so a typo is a usage error before anything is sent. */
    static String outputMode(String mode) {
        if (!java.util.List.of("full", "results_only", "none").contains(mode)) {
            throw CliException.usage("--mode must be full, results_only or none, got " + mode);
        }
        return mode;
    }

    ProgressView view() {
        return ProgressView.of(progress, terminal, json);
    }

    JobTracker tracker(Duration timeout) {
        return new JobTracker(api(), view(), poll, timeout);
    }

    /** JSON to standard output. */
    void printJson(Object value) {
        terminal.out().println(Json.write(value));
        terminal.out().flush();
    }

    void println(String format, Object... args) {
        terminal.out().println(args.length == 0 ? format : String.format(Locale.ROOT, format, args));
    }

    /** "1.2 s", "850 ms". */
    static String seconds(long ms) {
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Sam6d.class.getPackage().getImplementationVersion();
            return new String[] {"sam6d " + (v == null ? "(development build)" : v)};
        }
    }
}
