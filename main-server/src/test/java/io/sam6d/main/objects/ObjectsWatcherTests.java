package io.sam6d.main.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Files added to or removed from static/ reach the database without an explicit rescan. */
@SpringBootTest
class ObjectsWatcherTests {

    static final Path STATIC_DIR = TestStatic.create();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("sam6d.static-dir", STATIC_DIR::toString);
        registry.add("sam6d.objects.watch-interval-ms", () -> "100");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:objects-watch;DB_CLOSE_DELAY=-1");
    }

    @Autowired
    CatalogObjectRepository repository;

    @Test
    void addedAndRemovedMeshesAppearAndDisappear() throws Exception {
        TestStatic.addMesh(STATIC_DIR, "watched", "late");
        awaitPresence("late", true);
        Files.delete(STATIC_DIR.resolve("meshes/watched/late.ply"));
        awaitPresence("late", false);
    }

    private void awaitPresence(String obj, boolean present) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (repository.findByClassNameAndObjectName("watched", obj).isPresent() == present) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(repository.findByClassNameAndObjectName("watched", obj).isPresent()).isEqualTo(present);
    }
}
