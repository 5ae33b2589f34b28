package io.sam6d.main.rss;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The camera client is the CameraFrameSource bean, configured from {@code sam6d.rss.*}. */
class RssConfigurationTests {

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(RssConfiguration.class, RssCameraClient.class)
            .withPropertyValues("sam6d.max-image-pixels=16777216");

    @Test
    void defaultsWhenNothingIsSet() {
        context.run(c -> {
            assertThat(c).hasSingleBean(CameraFrameSource.class);
            assertThat(c.getBean(CameraFrameSource.class)).isInstanceOf(RssCameraClient.class);
            RssSettings s = c.getBean(RssSettings.class);
            assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(s.allowedHosts()).isEmpty();
        });
    }

    @Test
    void settingsBindFromProperties() {
        context.withPropertyValues("sam6d.rss.connect-timeout=500ms", "sam6d.rss.timeout=2s",
                "sam6d.rss.allowed-hosts=camera-1, camera-2:8080,").run(c -> {
                    RssSettings s = c.getBean(RssSettings.class);
                    assertThat(s.connectTimeout()).isEqualTo(Duration.ofMillis(500));
                    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(s.allowedHosts()).isEqualTo(List.of("camera-1", "camera-2:8080"));
                });
    }
}
