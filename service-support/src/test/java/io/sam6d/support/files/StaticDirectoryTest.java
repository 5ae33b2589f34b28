package io.sam6d.support.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import io.sam6d.support.web.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StaticDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void resolvesPathsInsideStaticWithOrWithoutThePrefix() throws Exception {
        StaticDirectory dir = new StaticDirectory(tmp.resolve("static"));
        Files.createDirectories(tmp.resolve("static/test"));
        assertThat(dir.resolveRequestPath("test/rgb.png", "rgb_path")).isEqualTo(tmp.resolve("static/test/rgb.png"));
        assertThat(dir.resolveRequestPath("static/test/rgb.png", "rgb_path"))
                .isEqualTo(tmp.resolve("static/test/rgb.png"));
        assertThat(dir.display(tmp.resolve("static/test/rgb.png"))).isEqualTo("static/test/rgb.png");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret", "test/../../secret", "/etc/passwd", "C:/windows", "test/%2e%2e/x",
        "test\\..\\..\\x", "static/../x"})
    void refusesPathsThatLeaveStatic(String path) {
        StaticDirectory dir = new StaticDirectory(tmp.resolve("static"));
        assertThatThrownBy(() -> dir.resolveRequestPath(path, "rgb_path"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.field()).isEqualTo("rgb_path");
                    assertThat(e.status().value()).isEqualTo(400);
                });
    }

    @Test
    void refusesSymlinksThatLeadOutOfStatic() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "x");
        Path stat = Files.createDirectories(tmp.resolve("static"));
        Files.createSymbolicLink(stat.resolve("link"), outside);
        StaticDirectory dir = new StaticDirectory(stat);
        assertThatThrownBy(() -> dir.resolveRequestPath("link/secret.txt", "depth_path"))
                .isInstanceOf(ApiException.class).hasMessageContaining("outside static/");
        assertThatThrownBy(() -> dir.resolveRequestPath("link/new.txt", "depth_path"))
                .isInstanceOf(ApiException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "a/b", "a..b", "", " ", "x\\y", "%2F"})
    void refusesUnsafeNames(String name) {
        assertThatThrownBy(() -> StaticDirectory.requireSafeName(name, "object_name"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("object_name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"obj_000005", "002_master_chef_can", "a.b-c"})
    void acceptsPlainNames(String name) {
        assertThat(StaticDirectory.requireSafeName(name, "object_name")).isEqualTo(name);
    }
}
