package io.sam6d.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ProjectHomeTest {

    @TempDir
    Path tmp;

    @Test
    void findsTheRootAboveTheWorkingDirectory() throws Exception {
        Files.writeString(tmp.resolve("config.env"), "X=1\n");
        Path deep = Files.createDirectories(tmp.resolve("main-server/target"));
        assertThat(ProjectHome.resolve(null, deep)).isEqualTo(tmp.toAbsolutePath().normalize());
        assertThat(ProjectHome.resolve(" ", deep)).isEqualTo(tmp.toAbsolutePath().normalize());
        assertThat(ProjectHome.resolve(deep.toString(), tmp)).isEqualTo(deep.toAbsolutePath().normalize());
    }

    @Test
    void devSettingsLayerOverProductionAndEnvironmentWins() throws Exception {
        Files.writeString(tmp.resolve("config.env"), "A=prod\nB=\"prod-b\"\nC=prod-c\n");
        Files.writeString(tmp.resolve("config_dev.env"), "A=dev\n");
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "SAM6D_HOME", tmp.toString(), "sam6d.env", "dev", "C", "from-env")));
        new Sam6dEnvironmentPostProcessor().postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("A")).isEqualTo("dev");
        assertThat(env.getProperty("B")).isEqualTo("prod-b");
        assertThat(env.getProperty("C")).isEqualTo("from-env");
        assertThat(env.getProperty("sam6d.home")).isEqualTo(tmp.toAbsolutePath().normalize().toString());
        assertThat(env.getProperty("sam6d.static-dir")).isEqualTo(tmp.toAbsolutePath().normalize() + "/static");
    }

    @Test
    void testModeReadsNeitherFile() throws Exception {
        Files.writeString(tmp.resolve("config.env"), "A=prod\n");
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "SAM6D_HOME", tmp.toString(), "sam6d.env", "test")));
        new Sam6dEnvironmentPostProcessor().postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("A")).isNull();
    }
}
