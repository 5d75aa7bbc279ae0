package dev.a2acloud.controlplane.builds;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The builds and build_events tables. */
@Repository
public class BuildRepository {
    private static final String COLUMNS = "id, owner, agent, version, origin, public_agent, prompt, status, last_type,"
            + " attempt, progress, failure_stage, failure_reason, log_tail, url, source_digest, jar_digest,"
            + " created_ms, updated_ms, ended_ms";

    private final JdbcClient jdbc;

    public BuildRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(BuildRecord b) {
        jdbc.sql("INSERT INTO builds (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
                .params(b.id(), b.owner(), b.agent(), b.version(), b.origin(), b.publicAgent(), b.prompt(),
                        b.status(), b.lastType(), b.attempt(), b.progress(), b.failureStage(), b.failureReason(),
                        b.logTail(), b.url(), b.sourceDigest(), b.jarDigest(), millis(b.createdAt()),
                        millis(b.updatedAt()), millis(b.endedAt()))
                .update();
    }

    /** Writes the mutable state of a build. */
    public void update(BuildRecord b) {
        jdbc.sql("UPDATE builds SET status = ?, last_type = ?, attempt = ?, progress = ?, failure_stage = ?,"
                        + " failure_reason = ?, log_tail = ?, url = ?, source_digest = ?, jar_digest = ?,"
                        + " updated_ms = ?, ended_ms = ? WHERE id = ?")
                .params(b.status(), b.lastType(), b.attempt(), b.progress(), b.failureStage(), b.failureReason(),
                        b.logTail(), b.url(), b.sourceDigest(), b.jarDigest(), millis(b.updatedAt()),
                        millis(b.endedAt()), b.id())
                .update();
    }

    public Optional<BuildRecord> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM builds WHERE id = ?").param(id).query(BuildRepository::build)
                .optional();
    }

    /** For update inside a transaction: the row is locked until it commits (serialises the recorder per build). */
    public Optional<BuildRecord> lock(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM builds WHERE id = ? FOR UPDATE").param(id)
                .query(BuildRepository::build).optional();
    }

    public List<BuildRecord> byOwner(String owner, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM builds WHERE owner = ? ORDER BY created_ms DESC, id DESC"
                        + " LIMIT " + Math.max(1, Math.min(limit, 1000)))
                .param(owner).query(BuildRepository::build).list();
    }

    public Optional<BuildRecord> latestOfAgent(String agent, String owner) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM builds WHERE agent = ? AND owner = ?"
                        + " ORDER BY created_ms DESC, id DESC LIMIT 1")
                .params(agent, owner).query(BuildRepository::build).optional();
    }

    /** False when the event id was already recorded (a redelivery). */
    public boolean appendEvent(String eventId, String buildId, String type, String source, int attempt,
                               Instant recordedAt, String payload) {
        try {
            jdbc.sql("INSERT INTO build_events (event_id, build_id, type, source, attempt, recorded_ms, payload)"
                            + " VALUES (?,?,?,?,?,?,?)")
                    .params(eventId, buildId, type, source, attempt, recordedAt.toEpochMilli(), payload).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public boolean eventRecorded(String eventId) {
        return jdbc.sql("SELECT COUNT(*) FROM build_events WHERE event_id = ?").param(eventId).query(Long.class)
                .single() > 0;
    }

    public List<RecordedEvent> events(String buildId, long afterSeq) {
        return jdbc.sql("SELECT seq, event_id, build_id, type, source, attempt, recorded_ms, payload FROM build_events"
                        + " WHERE build_id = ? AND seq > ? ORDER BY seq")
                .params(buildId, afterSeq)
                .query((rs, n) -> new RecordedEvent(rs.getLong("seq"), rs.getString("event_id"),
                        rs.getString("build_id"), rs.getString("type"), rs.getString("source"), rs.getInt("attempt"),
                        Instant.ofEpochMilli(rs.getLong("recorded_ms")), rs.getString("payload")))
                .list();
    }

    private static BuildRecord build(ResultSet rs, int row) throws SQLException {
        return new BuildRecord(rs.getString("id"), rs.getString("owner"), rs.getString("agent"),
                rs.getString("version"), rs.getString("origin"), rs.getBoolean("public_agent"), rs.getString("prompt"),
                rs.getString("status"), rs.getString("last_type"), rs.getInt("attempt"), rs.getInt("progress"),
                rs.getString("failure_stage"), rs.getString("failure_reason"), rs.getString("log_tail"),
                rs.getString("url"), rs.getString("source_digest"), rs.getString("jar_digest"),
                instant(rs, "created_ms"), instant(rs, "updated_ms"), instant(rs, "ended_ms"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
