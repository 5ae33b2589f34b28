package io.sam6d.main.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.sam6d.main.MainServerApplication;
import io.sam6d.main.TcpProxy;
import io.sam6d.main.objects.ObjectCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestTemplate;

/**
 * Against the real Redis on 127.0.0.1:6379 (behind a TCP proxy the test can cut): two main-server instances on one
 * Redis and one database share cached answers and see each other's evictions; Redis going away mid-test never
 * causes a 5xx, health shows the cache DEGRADED, and it recovers when Redis returns.
 */
class RedisCacheTests {

    static TcpProxy proxy;
    static Path staticDir;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void start() throws Exception {
        CacheTestSupport.assertRedisAnswers();
        proxy = new TcpProxy("127.0.0.1", 6379);
        staticDir = CacheTestSupport.staticDir();
        String prefix = "sam6d-test-" + UUID.randomUUID() + ":";
        String db = "jdbc:h2:mem:cache-redis-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        a = instance(prefix, db);
        b = instance(prefix, db);
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        proxy.close();
    }

    static ConfigurableApplicationContext instance(String prefix, String db) {
        return new SpringApplicationBuilder(MainServerApplication.class).run(
                "--server.port=0", "--sam6d.static-dir=" + staticDir, "--spring.datasource.url=" + db,
                "--sam6d.objects.watch-interval-ms=3600000",
                "--sam6d.cache.second-eviction-ms=" + CacheTestSupport.SECOND_EVICTION_MS, "--spring.data.redis.url=redis://127.0.0.1:" + proxy.port(),
                "--sam6d.cache.redis-key-prefix=" + prefix, "--sam6d.cache.retry-after-ms=300",
                "--spring.data.redis.timeout=300ms", "--spring.data.redis.connect-timeout=300ms");
    }

    static RestTemplate http(ConfigurableApplicationContext ctx) {
        String port = ctx.getEnvironment().getProperty("local.server.port");
        return new RestTemplateBuilder().rootUri("http://localhost:" + port).connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofMinutes(2)).build();
    }

    @Test
    void instancesShareEntriesAndEvictionsAndSurviveRedisGoingAway() throws Exception {
        CacheTestSupport.waitForStartupEviction();
        // a fills the cache, b is served from it
        JsonNode first = http(a).getForObject("/api/v1/objects/classes", JsonNode.class);
        double bHitsBefore = CacheTestSupport.hits(b.getBean(MeterRegistry.class), "objects.classes");
        assertThat(http(b).getForObject("/api/v1/objects/classes", JsonNode.class)).isEqualTo(first);
        assertThat(CacheTestSupport.hits(b.getBean(MeterRegistry.class), "objects.classes")).isEqualTo(bHitsBefore + 1);

        // b rescans after a change: a sees the eviction
        CacheTestSupport.addMesh(staticDir, "cached", "added");
        b.getBean(ObjectCatalog.class).rescan();
        JsonNode fresh = http(a).getForObject("/api/v1/objects/classes", JsonNode.class);
        assertThat(fresh.get("total_objects").asInt()).isEqualTo(first.get("total_objects").asInt() + 1);

        // Redis goes away: answers still come (from the database), health shows the cache degraded
        proxy.stop();
        for (int i = 0; i < 3; i++) {
            var r = http(a).getForEntity("/api/v1/objects/classes/cached", JsonNode.class);
            assertThat(r.getStatusCode().value()).isEqualTo(200);
        }
        JsonNode health = http(a).getForObject("/actuator/health", JsonNode.class);
        assertThat(health.at("/components/cache/status").asText()).isEqualTo("DEGRADED");
        assertThat(health.get("status").asText()).isEqualTo("UP");

        // while Redis is down a change is rescanned; when it is back the stale entries are cleared
        CacheTestSupport.addMesh(staticDir, "cached", "during-outage");
        a.getBean(ObjectCatalog.class).rescan();
        proxy.start();
        Thread.sleep(400);
        JsonNode afterOutage = null;
        for (int i = 0; i < 20; i++) {
            afterOutage = http(a).getForObject("/api/v1/objects/classes", JsonNode.class);
            if (http(a).getForObject("/actuator/health", JsonNode.class).at("/components/cache/status").asText()
                    .equals("UP")) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(http(a).getForObject("/actuator/health", JsonNode.class).at("/components/cache/status").asText())
                .isEqualTo("UP");
        afterOutage = http(a).getForObject("/api/v1/objects/classes", JsonNode.class);
        assertThat(afterOutage.get("total_objects").asInt()).isEqualTo(fresh.get("total_objects").asInt() + 1);
    }
}
