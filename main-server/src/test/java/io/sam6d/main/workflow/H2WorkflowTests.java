package io.sam6d.main.workflow;

import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Workflows and jobs on the embedded H2 database (the default). */
class H2WorkflowTests extends WorkflowContractTests {

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
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:workflow-api;DB_CLOSE_DELAY=-1");
    }
}
