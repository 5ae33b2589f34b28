package io.sam6d.main.workflow;

import java.nio.file.Path;

import io.sam6d.main.PostgresTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Workflows and jobs on a real PostgreSQL, in its own schema. The context is closed after the class and the schema
 * dropped as it closes, after its job workers stopped: a cached context must not poll tables that are gone.
 */
@DirtiesContext
class PostgresWorkflowTests extends WorkflowContractTests {

    @TestConfiguration
    static class Schema {
        @Bean(destroyMethod = "drop")
        PostgresTestDatabase schema() {
            return DB;
        }
    }

    static final PostgresTestDatabase DB = PostgresTestDatabase.createSchema("workflow_api");
    static final Path STATIC_DIR = WorkflowStatic.create();
    static final ComputeStubs STUBS = new ComputeStubs(STATIC_DIR);

    @Override
    Path staticDir() {
        return STATIC_DIR;
    }

    @Override
    ComputeStubs stubs() {
        return STUBS;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        commonProperties(STATIC_DIR, STUBS).forEach((k, v) -> registry.add(k, () -> v));
        DB.register(registry);
    }
}
