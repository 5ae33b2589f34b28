package io.sam6d.main.objects;

import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The object API on the embedded H2 database (the default). */
class H2ObjectApiTests extends ObjectApiContractTests {

    static final Path STATIC_DIR = TestStatic.create();

    @Override
    Path staticDir() {
        return STATIC_DIR;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        commonProperties(STATIC_DIR).forEach((k, v) -> registry.add(k, () -> v));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:objects-api;DB_CLOSE_DELAY=-1");
    }
}
