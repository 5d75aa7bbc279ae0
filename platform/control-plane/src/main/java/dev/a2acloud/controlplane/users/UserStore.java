package dev.a2acloud.controlplane.users;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users table. */
@Repository
public class UserStore {
    private final JdbcClient jdbc;

    public UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(User user) {
        jdbc.sql("INSERT INTO users (id, name, created_ms) VALUES (?, ?, ?)")
                .params(user.id(), user.name(), user.createdAt().toEpochMilli()).update();
    }

    public Optional<User> find(String id) {
        return jdbc.sql("SELECT id, name, created_ms FROM users WHERE id = ?").param(id)
                .query((rs, n) -> new User(rs.getString("id"), rs.getString("name"),
                        Instant.ofEpochMilli(rs.getLong("created_ms"))))
                .optional();
    }

    public boolean exists(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE id = ?").param(id).query(Long.class).single() > 0;
    }

    /** A user of the platform; {@code id} doubles as the name of their workspace bucket. */
    public record User(String id, String name, Instant createdAt) {
    }
}
