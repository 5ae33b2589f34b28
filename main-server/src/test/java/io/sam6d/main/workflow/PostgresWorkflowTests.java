package io.sam6d.main.workflow;

import java.nio.file.Path;

import io.sam6d.main.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Workflows and jobs on a real PostgreSQL (its own schema, dropped afterwards). */
class PostgresWorkflowTests extends WorkflowContractTests {

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

    @AfterAll
    static void dropSchema() {
        DB.drop();
    }
}
