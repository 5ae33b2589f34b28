package io.sam6d.main.servers;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Server monitoring on the embedded H2 database (the default). */
class H2ServersStatusTests extends ServersStatusContractTests {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        commonProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:servers-status;DB_CLOSE_DELAY=-1");
    }
}
