package io.sam6d.main.objects;

import java.nio.file.Path;

import io.sam6d.main.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The object API on a real PostgreSQL (its own schema, dropped afterwards). */
class PostgresObjectApiTests extends ObjectApiContractTests {

    static final PostgresTestDatabase DB = PostgresTestDatabase.createSchema("objects_api");

    static final Path STATIC_DIR = TestStatic.create();

    @Override
    Path staticDir() {
        return STATIC_DIR;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        commonProperties(STATIC_DIR).forEach((k, v) -> registry.add(k, () -> v));
        DB.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        DB.drop();
    }
}
