package io.sam6d.main.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.sam6d.main.objects.ObjectCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without REDIS_URL the answers are cached in-process, and a rescan that changes something evicts them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
class CaffeineCacheTests {

    static Path staticDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        staticDir = CacheTestSupport.staticDir();
        registry.add("sam6d.static-dir", staticDir::toString);
        registry.add("sam6d.objects.watch-interval-ms", () -> "3600000");
        registry.add("sam6d.cache.second-eviction-ms", () -> CacheTestSupport.SECOND_EVICTION_MS);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:cache-caffeine;DB_CLOSE_DELAY=-1");
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    MeterRegistry registry;

    @Autowired
    ObjectCatalog catalog;

    @Test
    void cachedAnswersAreServedAndARescanEvictsThem() throws Exception {
        CacheTestSupport.waitForStartupEviction();
        double before = CacheTestSupport.hits(registry, "objects.classes");
        JsonNode first = http.getForObject("/api/v1/objects/classes", JsonNode.class);
        JsonNode second = http.getForObject("/api/v1/objects/classes", JsonNode.class);
        assertThat(second).isEqualTo(first);
        assertThat(CacheTestSupport.hits(registry, "objects.classes")).isEqualTo(before + 1);

        CacheTestSupport.addMesh(staticDir, "cached", "second");
        catalog.rescan();
        JsonNode after = http.getForObject("/api/v1/objects/classes", JsonNode.class);
        assertThat(after.get("total_objects").asInt()).isEqualTo(first.get("total_objects").asInt() + 1);
        assertThat(http.getForObject("/actuator/health", JsonNode.class).at("/components/cache/details/store")
                .asText()).isEqualTo("caffeine");
        assertThat(http.getForObject("/actuator/prometheus", String.class)).contains("sam6d_cache_gets_total");
    }
}
