package io.sam6d.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a test fails, prints where each server's log is (suite-tests/target/suite-logs/) and its last lines, so a
 * failure in another process can be read from the test report.
 */
final class ServerLogsOnFailure implements TestWatcher {

    private static final List<ServerProcess> WATCHED = new ArrayList<>();

    static synchronized void watch(List<ServerProcess> servers) {
        WATCHED.clear();
        WATCHED.addAll(servers);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        StringBuilder out = new StringBuilder("\n==== server logs after failed test " + context.getDisplayName()
                + " ====\n");
        synchronized (ServerLogsOnFailure.class) {
            for (ServerProcess s : WATCHED) {
                out.append("---- ").append(s.name()).append(" (").append(s.isAlive() ? "running" : "not running")
                        .append("), logs ").append(s.logs()).append(":\n").append(s.logTail(40)).append('\n');
            }
        }
        System.err.println(out);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
    }
}
