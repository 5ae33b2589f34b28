package io.sam6d.main.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.sam6d.model.servers.AutoStartReport;
import io.sam6d.model.servers.ServersStatusResponse;
import io.sam6d.model.servers.ServiceStatus;
import org.junit.jupiter.api.Test;

/** How a compose command that fails or hangs is reported (the command is a script in a temporary folder). */
class AutoStarterTests {

    private final Path bin = AutoStartTests.tempDir("sam6d-compose-bin-");

    @Test
    void aFailingComposeIsReportedWithItsExitCodeAndOutput() {
        AutoStartTests.script(bin.resolve("docker-compose"),
                "[ \"$1\" = version ] && exit 0\necho \"no such service: $5\"\nexit 3\n");
        AutoStartReport report = starter(Duration.ofSeconds(30)).run(status("unreachable", "healthy", "healthy"));
        assertThat(report.services().get("ism").outcome()).isEqualTo("failed");
        assertThat(report.services().get("ism").detail()).isEqualTo("exit code 3: no such service: ism-server");
        assertThat(report.services().get("pem").outcome()).isEqualTo("not_needed");
        assertThat(report.message()).isEqualTo("started 0 of 1 compute service(s) that were down");
    }

    @Test
    void aHangingComposeIsStoppedAtTheTimeout() {
        AutoStartTests.script(bin.resolve("docker-compose"), "[ \"$1\" = version ] && exit 0\nexec sleep 60\n");
        AutoStartReport report = starter(Duration.ofMillis(500)).run(status("healthy", "unhealthy", "healthy"));
        assertThat(report.services().get("pem").outcome()).isEqualTo("timed_out");
    }

    @Test
    void nothingIsRunWhenEveryServiceHasAHealthyReplica() {
        AutoStartReport report = starter(Duration.ofSeconds(30)).run(status("healthy", "healthy", "healthy"));
        assertThat(report.command()).isNull();
        assertThat(report.services().values()).allMatch(o -> o.outcome().equals("not_needed"));
    }

    private AutoStarter starter(Duration timeout) {
        return new AutoStarter(new AutoStartSettings(true, List.of("docker-compose-missing",
                bin.resolve("docker-compose").toString()), Path.of("compose.yml"), timeout), null);
    }

    private static ServersStatusResponse status(String ism, String pem, String render) {
        return new ServersStatusResponse(Map.of("ism", service(ism), "pem", service(pem), "render", service(render)),
                "degraded", 0, 3, 0, 3, Instant.now(), null);
    }

    private static ServiceStatus service(String status) {
        return new ServiceStatus("http://127.0.0.1:1", status, null, Instant.now(), null, null, null, null, null,
                0.0, 0, 300, List.of());
    }
}
