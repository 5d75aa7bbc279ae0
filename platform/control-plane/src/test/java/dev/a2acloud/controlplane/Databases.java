package dev.a2acloud.controlplane;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.a2acloud.controlplane.config.DatabaseConfiguration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the repository tests run on: H2 (the embedded default) and a real PostgreSQL — by default
 * {@code 127.0.0.1:5432} database {@code test}, overridable with {@code A2A_TEST_PG_URL}/{@code _USER}/{@code _PASSWORD}.
 * Each PostgreSQL run gets its own schema (dropped afterwards), so parallel runs do not meet. Where no PostgreSQL
 * answers the PostgreSQL case is skipped with a printed reason — except under {@code CI=true}, where it must run.
 */
final class Databases {
    private Databases() {
    }

    static TestDatabase h2() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:cp-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        DatabaseConfiguration.migrate(dataSource);
        return new TestDatabase("h2", dataSource, dataSource::close);
    }

    static TestDatabase postgres() {
        String url = env("A2A_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = env("A2A_TEST_PG_USER", "postgres");
        String password = env("A2A_TEST_PG_PASSWORD", "");
        String schema = "cp_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "3");
        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (Exception e) {
            String reason = "PostgreSQL at " + url + " (user " + user + ") does not answer: " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI=true requires PostgreSQL for the repository tests; " + reason, e);
            }
            System.out.println("SKIPPED PostgreSQL repository tests: " + reason);
            Assumptions.abort(reason);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        DatabaseConfiguration.migrate(dataSource);
        return new TestDatabase("postgresql", dataSource, () -> {
            dataSource.close();
            try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (Exception ignored) {
                // Best effort: a leftover schema in a test database harms nothing.
            }
        });
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    record TestDatabase(String name, HikariDataSource dataSource, Runnable cleanup) implements AutoCloseable {
        @Override
        public void close() {
            cleanup.run();
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
