package dev.a2acloud.controlplane.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The control plane's database, wired by hand so it never collides with a data source the embedding assembly may
 * have: a pool, Flyway migrations from {@code db/migration/control-plane} (run before anything reads), a JdbcClient.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    HikariDataSource controlPlaneDataSource(ControlPlaneProperties properties) {
        ControlPlaneProperties.Database db = properties.database();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.urlOr(properties.home()));
        config.setUsername(db.username());
        config.setPassword(db.password());
        config.setMaximumPoolSize(db.maxPoolSize());
        config.setPoolName("control-plane");
        HikariDataSource dataSource = new HikariDataSource(config);
        migrate(dataSource);
        return dataSource;
    }

    /** Public so repository tests migrate a database the same way. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/control-plane")
                .table("control_plane_schema_history")
                .load()
                .migrate();
    }

    @Bean
    JdbcClient controlPlaneJdbc(HikariDataSource controlPlaneDataSource) {
        return JdbcClient.create(controlPlaneDataSource);
    }

    @Bean
    TransactionTemplate controlPlaneTransactions(HikariDataSource controlPlaneDataSource) {
        return new TransactionTemplate(new DataSourceTransactionManager(controlPlaneDataSource));
    }
}
