package io.sam6d.main.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.micrometer.core.instrument.MeterRegistry;

/** Shared helpers of the cache tests. */
final class CacheTestSupport {

    private CacheTestSupport() {
    }

    static Path staticDir() throws Exception {
        Path dir = Files.createTempDirectory("sam6d-cache-static");
        Files.createDirectories(dir.resolve("meshes"));
        addMesh(dir, "cached", "first");
        return dir;
    }

    static void addMesh(Path staticDir, String cls, String obj) throws Exception {
        Path target = staticDir.resolve("meshes").resolve(cls).resolve(obj + ".ply");
        Files.createDirectories(target.getParent());
        String shared = System.getProperty("sam6d.shared.dir", "../../shared");
        Files.copy(Path.of(shared, "data/ycbv_real/models/obj_000018.ply"), target,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Short enough that {@link #waitForStartupEviction()} can outwait the start-up scan's second clear. */
    static final String SECOND_EVICTION_MS = "50";

    /**
     * The start-up scan adds objects, so it clears the caches now and once more {@link #SECOND_EVICTION_MS} later;
     * a hit counted before that second clear could be wiped by it (seen on a slow CI machine).
     */
    static void waitForStartupEviction() throws InterruptedException {
        Thread.sleep(20 * Long.parseLong(SECOND_EVICTION_MS));
    }

    static double hits(MeterRegistry registry, String cache) {
        var c = registry.find("sam6d.cache.gets").tag("cache", cache).tag("result", "hit").counter();
        return c == null ? 0 : c.count();
    }

    static void assertRedisAnswers() {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", 6379)) {
            assertThat(s.isConnected()).isTrue();
        } catch (Exception e) {
            throw new IllegalStateException("these tests need the real Redis on 127.0.0.1:6379 (scripts/test.sh starts "
                    + "it): " + e.getMessage(), e);
        }
    }
}
