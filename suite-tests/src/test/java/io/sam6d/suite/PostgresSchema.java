package io.sam6d.suite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh schema in the PostgreSQL the tests run against ({@code SAM6D_TEST_PG_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user {@code SAM6D_TEST_PG_USER}, default postgres, trust
 * auth), as main-server's settings, dropped afterwards.
 */
final class PostgresSchema {

    private final String url = env("SAM6D_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private final String user = env("SAM6D_TEST_PG_USER", "postgres");
    private final String password = env("SAM6D_TEST_PG_PASSWORD", "");
    final String schema = "suite_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    PostgresSchema() {
        execute("CREATE SCHEMA " + schema);
    }

    /** main-server's environment for this schema (Flyway migrates it at start-up). */
    Map<String, String> mainServerEnv() {
        String sep = url.contains("?") ? "&" : "?";
        return Map.of("DB_URL", url + sep + "currentSchema=" + schema, "DB_USERNAME", user, "DB_PASSWORD", password,
                "SPRING_FLYWAY_SCHEMAS", schema);
    }

    void drop() {
        try {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (IllegalStateException e) {
            // a uniquely named test schema left behind is harmless
        }
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is required for the suite tests and did not answer at " + url
                    + " as " + user + " (start it, or run scripts/test.sh which does): " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
