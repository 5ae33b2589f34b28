package io.sam6d.suite;

import java.util.Map;

/** The suite end to end with main-server on an H2 file database in the temporary project root. */
class H2EndToEndTests extends EndToEndTests {

    @Override
    Map<String, String> databaseEnv() {
        return Map.of("DB_URL", "jdbc:h2:file:" + Suite.get().home.resolve("data/h2/sam6d")
                + ";DB_CLOSE_ON_EXIT=FALSE", "DB_USERNAME", "sa", "DB_PASSWORD", "");
    }

    @Override
    String name() {
        return "h2";
    }
}
