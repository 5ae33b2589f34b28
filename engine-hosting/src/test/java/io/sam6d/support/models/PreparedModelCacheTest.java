package io.sam6d.support.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prepared-model cache: one load per object however many ask at once, its size bound, reloads, its numbers. */
class PreparedModelCacheTest {

    @TempDir
    Path dir;

    private final AtomicInteger loads = new AtomicInteger();

    private record Prepared(String name, int load) implements PreparedModel {
        @Override
        public ObjectModel model() {
            return null;
        }

        @Override
        public long memoryBytes() {
            return 0;
        }
    }

    private ObjectFiles object(String name) throws Exception {
        Path mesh = dir.resolve(name + ".ply");
        if (!Files.exists(mesh)) {
            Files.writeString(mesh, "ply " + name);
        }
        return new ObjectFiles("test", name, mesh, dir.resolve("templates").resolve(name));
    }

    private PreparedModelCache cache(int max, CountDownLatch gate) {
        return new PreparedModelCache("test", max, files -> {
            int n = loads.incrementAndGet();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (files.objectName().equals("broken")) {
                throw new IllegalStateException("cannot prepare broken");
            }
            return new Prepared(files.objectName(), n);
        }, null);
    }

    @Test
    void concurrentRequestsForOneObjectLoadItOnce() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        PreparedModelCache cache = cache(4, gate);
        ObjectFiles can = object("can");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<PreparedModel>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> cache.get(can)));
            }
            Thread.sleep(200);
            gate.countDown();
            for (Future<PreparedModel> a : answers) {
                assertThat(a.get(10, TimeUnit.SECONDS)).isSameAs(answers.get(0).get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(loads).hasValue(1);
        assertThat(cache.stats()).containsEntry("misses", 6L).containsEntry("hits", 0L).containsEntry("size", 1);
        cache.get(can);
        assertThat(cache.stats()).containsEntry("hits", 1L).containsEntry("hit_rate", 1 / 7.0);
    }

    @Test
    void keepsAtMostItsSizeAndCountsEvictions() throws Exception {
        PreparedModelCache cache = cache(2, new CountDownLatch(0));
        for (String name : List.of("a", "b", "c", "d")) {
            cache.get(object(name));
        }
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.stats()).containsEntry("evictions", 2L).containsEntry("max_size", 2);
        assertThat(cache.keys()).hasSize(2).isSorted();
    }

    @Test
    void aChangedMeshIsPreparedAgainAndAFailedLoadIsNotKept() throws Exception {
        PreparedModelCache cache = cache(4, new CountDownLatch(0));
        ObjectFiles can = object("can");
        PreparedModel first = cache.get(can);
        assertThat(cache.get(can)).isSameAs(first);
        Files.writeString(can.mesh(), "ply can, edited");
        Files.setLastModifiedTime(can.mesh(), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        PreparedModel second = cache.get(can);
        assertThat(second).isNotSameAs(first);
        assertThat(cache.get(can)).isSameAs(second);
        assertThat(cache.stats()).containsEntry("reloads", 1L).containsEntry("hits", 2L).containsEntry("misses", 2L);

        ObjectFiles broken = object("broken");
        assertThatThrownBy(() -> cache.get(broken)).hasMessage("cannot prepare broken");
        assertThatThrownBy(() -> cache.get(broken)).hasMessage("cannot prepare broken");
        assertThat(cache.keys()).containsExactly("test/can");
        assertThat(loads).hasValue(4);
    }
}
