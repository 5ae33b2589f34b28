package io.sam6d.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the client in this JVM, as a script would run it, and keeps what it printed. */
record CliRun(int exit, String out, String err) {

    static CliRun run(Path workDir, Map<String, String> env, boolean interactive, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal t = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), new HashMap<>(env), workDir,
                interactive, 120);
        int code = Sam6d.execute(args, t);
        return new CliRun(code, out.toString(), err.toString());
    }

    static String[] args(String url, String... rest) {
        List<String> all = new ArrayList<>(List.of(rest));
        all.add("--url");
        all.add(url);
        all.add("--poll");
        all.add("50ms");
        return all.toArray(String[]::new);
    }

    /** What a person reading both streams sees. */
    String all() {
        return out + err;
    }
}
