package io.sam6d.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The suite end to end: the four servers' jars as separate processes on random ports, talking real HTTP, with
 * real frames from {@code ../shared/data}. Run once per database (subclasses); the compute servers are shared.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ServerLogsOnFailure.class)
abstract class EndToEndTests {

    Suite suite;
    ServerProcess main;
    Api api;

    /** main-server's database settings. */
    abstract Map<String, String> databaseEnv();

    abstract String name();

    @BeforeAll
    void startMainServer() {
        suite = Suite.get();
        main = suite.mainServer("main-" + name(), databaseEnv());
        ServerLogsOnFailure.watch(List.of(main, suite.render, suite.ism, suite.pem));
        main.start();
        main.awaitHealthy(Suite.START_TIMEOUT);
        api = new Api(main);
    }

    @AfterAll
    void stopMainServer() {
        if (main != null) {
            main.kill();
        }
        databaseCleanUp();
    }

    /** After main-server is gone: drop what the database variant created. */
    void databaseCleanUp() {
    }

    @Test
    void allFourServersAreHealthyAndMainServerSeesTheObjects() {
        for (ServerProcess s : List.of(main, suite.render, suite.ism, suite.pem)) {
            assertThat(new Api(s).getOk("/actuator/health").get("status").asText()).as(s.name()).isEqualTo("UP");
        }
        JsonNode classes = api.getOk("/api/v1/objects/classes");
        assertThat(classes.get("classes").findValuesAsText("name")).contains("test", Suite.YCBV_CLASS);
        JsonNode ycbv = api.getOk("/api/v1/objects/classes/" + Suite.YCBV_CLASS);
        assertThat(ycbv.get("objects").findValuesAsText("name")).contains("obj_000002");
    }
}
