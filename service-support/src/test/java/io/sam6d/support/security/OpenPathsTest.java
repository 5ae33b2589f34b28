package io.sam6d.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenPathsTest {

    @Test
    void onlyTheListedPathsAreOpenHoweverTheyAreEncoded() {
        assertThat(OpenPaths.isOpen("/actuator/health")).isTrue();
        assertThat(OpenPaths.isOpen("/%61ctuator/health")).isTrue();
        assertThat(OpenPaths.isOpen("/actuator/health/readiness")).isTrue();
        assertThat(OpenPaths.isOpen("/actuator/prometheus")).isTrue();
        assertThat(OpenPaths.isOpen("/swagger-ui/index.html")).isTrue();
        assertThat(OpenPaths.isOpen("/v3/api-docs/swagger-config")).isTrue();

        assertThat(OpenPaths.isOpen("/api/v1/ism/segment")).isFalse();
        assertThat(OpenPaths.isOpen("/actuator/metrics")).isFalse();
        assertThat(OpenPaths.isOpen("/actuator/health;x")).isFalse();
        assertThat(OpenPaths.isOpen("/actuator/health/")).isFalse();
        assertThat(OpenPaths.isOpen("//actuator/health")).isFalse();
        assertThat(OpenPaths.isOpen("/actuator/health/..%2F..%2Fapi")).isFalse();
        assertThat(OpenPaths.isOpen("/actuator/health/%2e%2e/%2e%2e/api")).isFalse();
        assertThat(OpenPaths.isOpen("/actuator/health/%5c..")).isFalse();
        assertThat(OpenPaths.isOpen("/actuator/health/%zz")).isFalse();
        assertThat(OpenPaths.isOpen("/actuator/health/%c3%28")).isFalse(); // invalid UTF-8
        assertThat(OpenPaths.isOpen("actuator/health")).isFalse();
    }

    @Test
    void canonicalPathsDecodeEverySegment() {
        assertThat(OpenPaths.canonical("/%61pi/v1/items/caf%C3%A9")).isEqualTo("/api/v1/items/café");
        assertThat(OpenPaths.canonical("/api/v1/a%2Fb")).isNull();
        assertThat(OpenPaths.canonical("/api;x/v1")).isNull();
    }
}
