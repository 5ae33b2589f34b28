package io.sam6d.support.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The deployment files as shipped. No Docker engine runs here, so this checks what can be checked without one: the
 * compose files validate with Debian's {@code docker-compose} ({@code config} needs no daemon; scripts/test.sh
 * installs it), and they say what the README promises: every service healthy-checked and memory-limited, the
 * servers non-root with a stop grace period longer than Spring's shutdown, only main-server published, Redis wired,
 * the CPU default and the GPU override, and every secret read from the one {@code .env}.
 */
class DeploymentFilesTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Map<String, Integer> SERVERS = Map.of("main-server", 8001, "ism-server", 8002, "pem-server", 8003,
            "render-server", 8004);
    /** The settings that are secrets: they live in .env only. */
    static final Set<String> SECRETS = Set.of("DB_PASSWORD", "AUTH_JWT_SECRET", "AUTH_CLIENTS",
            "INTERNAL_API_TOKEN");
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_]+)(:?[-?][^}]*)?}");

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services(String file) throws IOException {
        try (Reader r = Files.newBufferedReader(ROOT.resolve(file))) {
            Map<String, Object> compose = new Yaml().load(r);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDefaultComposeFileRunsOnAnyHostWithLimitsHealthChecksAndOnlyMainServerPublished() throws Exception {
        Map<String, Map<String, Object>> services = services("docker-compose.sam6d.yml");
        assertThat(services).containsOnlyKeys("main-server", "ism-server", "pem-server", "render-server", "postgres",
                "redis");
        services.forEach((name, s) -> {
            assertThat(s).as(name + " health check").containsKey("healthcheck");
            assertThat(s).as(name + " memory limit").containsKey("mem_limit");
            assertThat(s).as(name + " needs no GPU by default").doesNotContainKey("deploy");
        });
        SERVERS.forEach((name, port) -> {
            Map<String, Object> s = services.get(name);
            assertThat((List<String>) s.get("volumes")).contains("./static:/app/static");
            assertThat(s.get("env_file")).isEqualTo("config.env");
            assertThat(((Map<String, Object>) s.get("build")).get("context")).isEqualTo("./" + name);
            assertThat(((List<String>) ((Map<String, Object>) s.get("healthcheck")).get("test")))
                    .anyMatch(t -> t.contains("localhost:" + port + "/actuator/health"));
            assertThat(String.valueOf(s.get("user"))).as(name + " runs as a user").doesNotStartWith("0:")
                    .doesNotStartWith("root").contains("${SAM6D_UID");
            assertThat(seconds(s.get("stop_grace_period"))).as(name + " stop grace > Spring's 30 s shutdown")
                    .isGreaterThan(30);
            if (name.equals("main-server")) {
                assertThat((List<String>) s.get("ports")).containsExactly("8001:8001");
            } else {
                assertThat(s).as(name + " is reached inside the network only").doesNotContainKey("ports");
                assertThat((List<String>) s.get("expose")).containsExactly(String.valueOf(port));
            }
        });
        assertThat(((Map<String, Object>) services.get("main-server").get("depends_on")).keySet())
                .contains("ism-server", "pem-server", "render-server", "postgres", "redis");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGpuOverrideBuildsTheCudaJarsAndPutsIsmAndPemOnTheGpu() throws Exception {
        Map<String, Map<String, Object>> gpu = services("docker-compose.gpu.yml");
        assertThat(gpu).containsOnlyKeys("ism-server", "pem-server");
        for (String name : List.of("ism-server", "pem-server")) {
            Map<String, Object> s = gpu.get(name);
            assertThat(s.get("deploy").toString()).contains("driver=nvidia", "gpu");
            assertThat(((Map<String, Object>) s.get("environment")).get(name.substring(0, 3).toUpperCase()
                    + "_DEVICE")).isEqualTo("gpu");
            Map<String, Object> build = (Map<String, Object>) s.get("build");
            assertThat(((Map<String, Object>) build.get("args")).get("TORCH_FLAVOUR")).isEqualTo("cuda");
            // the image build refuses a CPU jar for the GPU
            assertThat(Files.readString(ROOT.resolve(name).resolve("Dockerfile")))
                    .contains("ARG TORCH_FLAVOUR=cpu").contains("grep -q \"pytorch-native-cu\"");
        }
        assertThat(Files.readString(ROOT.resolve("pom.xml"))).contains("<id>cuda</id>", "pytorch-native-cu128");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySecretComesFromTheOneEnvFile() throws Exception {
        Properties example = new Properties();
        try (Reader r = Files.newBufferedReader(ROOT.resolve(".env.example"))) {
            example.load(r);
        }
        assertThat(example.stringPropertyNames()).containsAll(SECRETS);
        SECRETS.forEach(k -> assertThat(example.getProperty(k)).as(k + " is a placeholder").contains("change-me"));
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).as(".env is never committed").contains("/.env");

        Properties config = new Properties();
        try (Reader r = Files.newBufferedReader(ROOT.resolve("config.env"))) {
            config.load(r);
        }
        assertThat(config.stringPropertyNames()).as("config.env holds no secrets").doesNotContainAnyElementsOf(SECRETS);

        Map<String, Map<String, Object>> services = services("docker-compose.sam6d.yml");
        List<String> read = new ArrayList<>();
        services.forEach((name, s) -> {
            Map<String, Object> env = (Map<String, Object>) s.getOrDefault("environment", Map.of());
            env.forEach((key, value) -> {
                Matcher m = VARIABLE.matcher(String.valueOf(value));
                boolean secret = SECRETS.contains(key) || key.contains("PASSWORD") || key.contains("SECRET")
                        || key.contains("TOKEN");
                if (secret) {
                    assertThat(m.matches()).as(name + " " + key + " is read from .env, not written here").isTrue();
                    assertThat(m.group(2)).as(name + " " + key + " has no default: a missing .env fails")
                            .startsWith(":?");
                    assertThat(example.stringPropertyNames()).as(name + " " + key).contains(m.group(1));
                    read.add(name + ":" + m.group(1));
                }
            });
        });
        assertThat(read).contains("postgres:DB_PASSWORD", "main-server:DB_PASSWORD", "main-server:AUTH_JWT_SECRET",
                "main-server:AUTH_CLIENTS", "main-server:INTERNAL_API_TOKEN", "ism-server:INTERNAL_API_TOKEN",
                "pem-server:INTERNAL_API_TOKEN", "render-server:INTERNAL_API_TOKEN");
    }

    @Test
    void configEnvPointsServicesAtEachOtherByNameAndWiresRedis() throws Exception {
        Properties env = new Properties();
        try (Reader r = Files.newBufferedReader(ROOT.resolve("config.env"))) {
            env.load(r);
        }
        assertThat(env.getProperty("ISM_SERVER_URL")).isEqualTo("http://ism-server:8002");
        assertThat(env.getProperty("PEM_SERVER_URL")).isEqualTo("http://pem-server:8003");
        assertThat(env.getProperty("RENDER_SERVER_URL")).isEqualTo("http://render-server:8004");
        assertThat(env.getProperty("DB_URL")).contains("//postgres:5432/");
        assertThat(env.getProperty("REDIS_URL")).isEqualTo("redis://redis:6379");
        assertThat(env.getProperty("ISM_DEVICE")).isEqualTo("cpu");
        assertThat(env.getProperty("PEM_DEVICE")).isEqualTo("cpu");
        env.values().forEach(v -> assertThat(v.toString()).doesNotContain("localhost"));
    }

    @Test
    void everyImageRunsItsJarAsAUserWithTheOutOfMemoryPolicy() throws Exception {
        for (var e : SERVERS.entrySet()) {
            String text = Files.readString(ROOT.resolve(e.getKey()).resolve("Dockerfile"));
            assertThat(text).contains("ARG JAR=target/" + e.getKey() + ".jar").contains("COPY ${JAR} /app/")
                    .contains("EXPOSE " + e.getValue()).containsPattern("(?m)^USER 10001");
            // compute servers exit on OOM (compose restarts them); main-server fails the job instead
            assertThat(text.contains("-XX:+ExitOnOutOfMemoryError")).as(e.getKey())
                    .isEqualTo(!e.getKey().equals("main-server"));
            String pom = Files.readString(ROOT.resolve(e.getKey()).resolve("pom.xml"));
            assertThat(pom).contains("<finalName>${project.artifactId}</finalName>");
        }
    }

    @Test
    void composeValidatesWithAndWithoutTheGpuFile() throws Exception {
        Assumptions.assumeTrue(onPath("docker-compose"), "docker-compose is not installed: this check is skipped "
                + "(scripts/test.sh installs Debian's docker-compose package; apt-get install docker-compose)");
        assertThat(compose(".env.example", "-f", "docker-compose.sam6d.yml", "config", "-q")).isEmpty();
        assertThat(compose(".env.example", "-f", "docker-compose.sam6d.yml", "-f", "docker-compose.gpu.yml",
                "config", "-q")).isEmpty();
        Path empty = Files.createTempFile("sam6d-empty", ".env");
        try {
            assertThat(compose(empty.toString(), "-f", "docker-compose.sam6d.yml", "config", "-q"))
                    .as("without the secrets compose refuses, naming the first").contains("set DB_PASSWORD in .env");
        } finally {
            Files.deleteIfExists(empty);
        }
    }

    /** Runs docker-compose in the repository root; returns its output when it fails, "" when it succeeds. */
    private static String compose(String envFile, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("docker-compose", "--env-file", envFile));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        SECRETS.forEach(pb.environment()::remove); // only the env file may supply them
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0 ? "" : "exit " + p.exitValue() + ": " + out;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static long seconds(Object value) {
        String v = String.valueOf(value).trim();
        return v.endsWith("m") ? Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1))).toSeconds()
                : Long.parseLong(v.replace("s", ""));
    }
}
