package io.sam6d.support.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so this checks what can be checked: the compose file parses and names every service,
 * port, volume and health check the README promises, the GPU reservations, that services reach each other by name,
 * and that each image's build inputs exist.
 */
class DeploymentFilesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Map<String, Integer> SERVERS = Map.of("main-server", 8001, "ism-server", 8002, "pem-server", 8003,
            "render-server", 8004);

    @Test
    @SuppressWarnings("unchecked")
    void composeStartsAllFourServersWithPortsVolumesHealthChecksAndGpus() throws Exception {
        Map<String, Object> compose;
        try (Reader r = Files.newBufferedReader(ROOT.resolve("docker-compose.sam6d.yml"))) {
            compose = new Yaml().load(r);
        }
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("main-server", "ism-server", "pem-server", "render-server", "postgres");
        SERVERS.forEach((name, port) -> {
            Map<String, Object> s = services.get(name);
            assertThat((List<String>) s.get("ports")).contains(port + ":" + port);
            assertThat((List<String>) s.get("volumes")).contains("./static:/app/static");
            assertThat(s.get("env_file")).isEqualTo("config.env");
            assertThat(s.get("build")).isEqualTo("./" + name);
            assertThat(((List<String>) ((Map<String, Object>) s.get("healthcheck")).get("test")))
                    .anyMatch(t -> t.contains("localhost:" + port + "/actuator/health"));
        });
        for (String gpu : List.of("ism-server", "pem-server")) {
            String deploy = services.get(gpu).get("deploy").toString();
            assertThat(deploy).contains("driver=nvidia", "gpu");
        }
        assertThat(((Map<String, Object>) services.get("main-server").get("depends_on")).keySet())
                .contains("ism-server", "pem-server", "render-server", "postgres");
    }

    @Test
    void configEnvPointsServicesAtEachOtherByName() throws Exception {
        Properties env = new Properties();
        try (Reader r = Files.newBufferedReader(ROOT.resolve("config.env"))) {
            env.load(r);
        }
        assertThat(env.getProperty("ISM_SERVER_URL")).isEqualTo("http://ism-server:8002");
        assertThat(env.getProperty("PEM_SERVER_URL")).isEqualTo("http://pem-server:8003");
        assertThat(env.getProperty("RENDER_SERVER_URL")).isEqualTo("http://render-server:8004");
        assertThat(env.getProperty("DB_URL")).contains("//postgres:5432/");
        env.values().forEach(v -> assertThat(v.toString()).doesNotContain("localhost"));
    }

    @Test
    void everyImageHasItsBuildInputs() throws Exception {
        for (var e : SERVERS.entrySet()) {
            Path dockerfile = ROOT.resolve(e.getKey()).resolve("Dockerfile");
            assertThat(dockerfile).exists();
            String text = Files.readString(dockerfile);
            assertThat(text).contains("COPY target/" + e.getKey() + ".jar").contains("EXPOSE " + e.getValue());
            String pom = Files.readString(ROOT.resolve(e.getKey()).resolve("pom.xml"));
            assertThat(pom).contains("<finalName>${project.artifactId}</finalName>");
        }
    }
}
