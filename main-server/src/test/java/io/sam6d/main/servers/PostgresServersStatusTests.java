package io.sam6d.main.servers;

import io.sam6d.main.PostgresTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Server monitoring on a real PostgreSQL, in its own schema. The context is closed after the class and the schema
 * dropped as it closes, after its job workers stopped: a cached context must not poll tables that are gone.
 */
@DirtiesContext
class PostgresServersStatusTests extends ServersStatusContractTests {

    @TestConfiguration
    static class Schema {
        @Bean(destroyMethod = "drop")
        PostgresTestDatabase schema() {
            return DB;
        }
    }

    static final PostgresTestDatabase DB = PostgresTestDatabase.createSchema("servers_status");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        commonProperties().forEach((k, v) -> registry.add(k, () -> v));
        DB.register(registry);
    }
}
