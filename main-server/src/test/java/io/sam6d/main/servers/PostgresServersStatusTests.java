package io.sam6d.main.servers;

import io.sam6d.main.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Server monitoring on a real PostgreSQL (its own schema, dropped afterwards). */
class PostgresServersStatusTests extends ServersStatusContractTests {

    static final PostgresTestDatabase DB = PostgresTestDatabase.createSchema("servers_status");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        commonProperties().forEach((k, v) -> registry.add(k, () -> v));
        DB.register(registry);
    }

    @AfterAll
    static void dropSchema() {
        DB.drop();
    }
}
