package io.sam6d.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PlaceholderSecretsTest {

    @TempDir
    Path tmp;

    private StandardEnvironment env(String mode, Map<String, Object> vars) {
        StandardEnvironment env = new StandardEnvironment();
        Map<String, Object> all = new java.util.HashMap<>(vars);
        all.put("SAM6D_HOME", tmp.toString());
        all.put("sam6d.env", mode);
        env.getPropertySources().addFirst(new MapPropertySource("test", all));
        return env;
    }

    @Test
    void productionRefusesToStartWithPlaceholderSecrets() throws Exception {
        Files.writeString(tmp.resolve("config.env"), "INTERNAL_API_TOKEN=change-me-internal-token\n");
        StandardEnvironment env = env("prod", Map.of());
        assertThatThrownBy(() -> new Sam6dEnvironmentPostProcessor().postProcessEnvironment(env,
                new SpringApplication())).isInstanceOf(PlaceholderSecrets.Refused.class)
                .hasMessageContaining("INTERNAL_API_TOKEN");
        var analysis = new PlaceholderSecrets.Analyzer().analyze(new PlaceholderSecrets.Refused(
                java.util.List.of("INTERNAL_API_TOKEN")));
        assertThat(analysis.getDescription()).contains("INTERNAL_API_TOKEN").contains("change-me");
        assertThat(analysis.getAction()).contains(".env");
    }

    @Test
    void realSecretsAndOtherModesStart() throws Exception {
        Files.writeString(tmp.resolve("config.env"), "INTERNAL_API_TOKEN=change-me-internal-token\n");
        StandardEnvironment prod = env("prod", Map.of("INTERNAL_API_TOKEN", "5b1e7f0c9a"));
        new Sam6dEnvironmentPostProcessor().postProcessEnvironment(prod, new SpringApplication());
        assertThat(prod.getProperty("sam6d.mode")).isEqualTo("prod");
        StandardEnvironment dev = env("dev", Map.of());
        new Sam6dEnvironmentPostProcessor().postProcessEnvironment(dev, new SpringApplication());
        assertThat(dev.getProperty("sam6d.mode")).isEqualTo("dev");
    }
}
