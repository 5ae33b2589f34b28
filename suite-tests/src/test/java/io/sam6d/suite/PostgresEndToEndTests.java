package io.sam6d.suite;

import java.util.Map;

/** The suite end to end with main-server on a real PostgreSQL (a schema of its own, dropped afterwards). */
class PostgresEndToEndTests extends EndToEndTests {

    final PostgresSchema schema = new PostgresSchema();

    @Override
    Map<String, String> databaseEnv() {
        return schema.mainServerEnv();
    }

    @Override
    String name() {
        return "pg";
    }

    @Override
    void databaseCleanUp() {
        schema.drop();
    }
}
