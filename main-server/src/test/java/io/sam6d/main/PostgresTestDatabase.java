package io.sam6d.main;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fresh schema in the real PostgreSQL the tests run against: {@code SAM6D_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}), user {@code SAM6D_TEST_PG_USER} (default postgres, trust auth).
 * Fails loudly when PostgreSQL does not answer: these tests are part of the suite, not optional.
 */
public final class PostgresTestDatabase {

    private final String url;
    private final String user;
    private final String schema;

    private PostgresTestDatabase(String url, String user, String schema) {
        this.url = url;
        this.user = user;
        this.schema = schema;
    }

    public static PostgresTestDatabase createSchema(String prefix) {
        String url = env("SAM6D_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = env("SAM6D_TEST_PG_USER", "postgres");
        String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url, user, env("SAM6D_TEST_PG_PASSWORD", ""));
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is required for these tests and did not answer at " + url
                    + " as " + user + " (start it, or run scripts/test.sh which does): " + e.getMessage(), e);
        }
        return new PostgresTestDatabase(url, user, schema);
    }

    public void register(DynamicPropertyRegistry registry) {
        String sep = url.contains("?") ? "&" : "?";
        registry.add("spring.datasource.url", () -> url + sep + "currentSchema=" + schema);
        registry.add("spring.datasource.username", () -> user);
        registry.add("spring.datasource.password", () -> env("SAM6D_TEST_PG_PASSWORD", ""));
        registry.add("spring.flyway.schemas", () -> schema);
    }

    public String schema() {
        return schema;
    }

    /** JDBC URL of the server (without the schema), for tests that connect without Spring. */
    public String jdbcUrl() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return env("SAM6D_TEST_PG_PASSWORD", "");
    }

    public void drop() {
        try (Connection c = DriverManager.getConnection(url, user, env("SAM6D_TEST_PG_PASSWORD", ""));
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            // leaving a uniquely named test schema behind is harmless
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
