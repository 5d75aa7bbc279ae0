package dev.a2acloud.controlplane.agents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The agents, agent_versions and deployments tables. */
@Repository
public class AgentRepository {
    private static final String COLUMNS = "name, owner, public_agent, status, current_version, url, card,"
            + " latest_build_id, created_ms, updated_ms";
    private static final String VERSION_COLUMNS = "agent, version, owner, build_id, source_digest, source_uri,"
            + " jar_digest, jar_uri, card, created_ms";

    private final JdbcClient jdbc;

    public AgentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims {@code name} for {@code owner}: the existing record when the owner already has it, empty when another
     * owner does. Names are global (one URL per name).
     */
    public Optional<AgentRecord> claim(String name, String owner, boolean publicAgent, Instant now) {
        Optional<AgentRecord> existing = find(name);
        if (existing.isPresent()) {
            return existing.filter(a -> a.owner().equals(owner));
        }
        try {
            jdbc.sql("INSERT INTO agents (" + COLUMNS + ") VALUES (?, ?, ?, 'building', NULL, NULL, NULL, NULL, ?, ?)")
                    .params(name, owner, publicAgent, now.toEpochMilli(), now.toEpochMilli())
                    .update();
        } catch (DuplicateKeyException e) {
            // Claimed concurrently; whoever won owns it.
        }
        return find(name).filter(a -> a.owner().equals(owner));
    }

    public Optional<AgentRecord> find(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agents WHERE name = ?").param(name)
                .query(AgentRepository::agent).optional();
    }

    public List<AgentRecord> byOwner(String owner) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agents WHERE owner = ? ORDER BY name").param(owner)
                .query(AgentRepository::agent).list();
    }

    public void update(AgentRecord a) {
        jdbc.sql("UPDATE agents SET public_agent = ?, status = ?, current_version = ?, url = ?, card = ?,"
                        + " latest_build_id = ?, updated_ms = ? WHERE name = ? AND owner = ?")
                .params(a.publicAgent(), a.status(), a.currentVersion(), a.url(), a.card(), a.latestBuildId(),
                        a.updatedAt().toEpochMilli(), a.name(), a.owner())
                .update();
    }

    /** Removes the agent, its versions and deployments; builds stay as history. */
    public void delete(String name, String owner) {
        jdbc.sql("DELETE FROM deployments WHERE agent = ? AND owner = ?").params(name, owner).update();
        jdbc.sql("DELETE FROM agent_versions WHERE agent = ? AND owner = ?").params(name, owner).update();
        jdbc.sql("DELETE FROM agents WHERE name = ? AND owner = ?").params(name, owner).update();
    }

    public Optional<AgentVersion> version(String agent, String version) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM agent_versions WHERE agent = ? AND version = ?")
                .params(agent, version).query(AgentRepository::version).optional();
    }

    public List<AgentVersion> versions(String agent, String owner) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM agent_versions WHERE agent = ? AND owner = ?"
                        + " ORDER BY created_ms DESC, version DESC")
                .params(agent, owner).query(AgentRepository::version).list();
    }

    public void insertVersion(AgentVersion v) {
        jdbc.sql("INSERT INTO agent_versions (" + VERSION_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)")
                .params(v.agent(), v.version(), v.owner(), v.buildId(), v.sourceDigest(), v.sourceUri(),
                        v.jarDigest(), v.jarUri(), v.card(), v.createdAt().toEpochMilli())
                .update();
    }

    public void updateVersion(AgentVersion v) {
        jdbc.sql("UPDATE agent_versions SET build_id = ?, source_digest = ?, source_uri = ?, jar_digest = ?,"
                        + " jar_uri = ?, card = ? WHERE agent = ? AND version = ?")
                .params(v.buildId(), v.sourceDigest(), v.sourceUri(), v.jarDigest(), v.jarUri(), v.card(),
                        v.agent(), v.version())
                .update();
    }

    /** False when the deployment event was already recorded. */
    public boolean addDeployment(Deployment d) {
        Long seen = jdbc.sql("SELECT COUNT(*) FROM deployments WHERE event_id = ?").param(d.eventId())
                .query(Long.class).single();
        if (seen > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO deployments (event_id, agent, owner, build_id, version, type, revision, url,"
                        + " commit_sha, message, recorded_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
                .params(d.eventId(), d.agent(), d.owner(), d.buildId(), d.version(), d.type(), d.revision(),
                        d.url(), d.commit(), d.message(), d.recordedAt().toEpochMilli())
                .update();
        return true;
    }

    public List<Deployment> deployments(String agent, String owner) {
        return jdbc.sql("SELECT seq, event_id, agent, owner, build_id, version, type, revision, url, commit_sha,"
                        + " message, recorded_ms FROM deployments WHERE agent = ? AND owner = ? ORDER BY seq DESC")
                .params(agent, owner)
                .query((rs, n) -> new Deployment(rs.getLong("seq"), rs.getString("event_id"), rs.getString("agent"),
                        rs.getString("owner"), rs.getString("build_id"), rs.getString("version"),
                        rs.getString("type"), rs.getString("revision"), rs.getString("url"),
                        rs.getString("commit_sha"), rs.getString("message"),
                        Instant.ofEpochMilli(rs.getLong("recorded_ms"))))
                .list();
    }

    private static AgentRecord agent(ResultSet rs, int row) throws SQLException {
        return new AgentRecord(rs.getString("name"), rs.getString("owner"), rs.getBoolean("public_agent"),
                rs.getString("status"), rs.getString("current_version"), rs.getString("url"), rs.getString("card"),
                rs.getString("latest_build_id"), Instant.ofEpochMilli(rs.getLong("created_ms")),
                Instant.ofEpochMilli(rs.getLong("updated_ms")));
    }

    private static AgentVersion version(ResultSet rs, int row) throws SQLException {
        return new AgentVersion(rs.getString("agent"), rs.getString("version"), rs.getString("owner"),
                rs.getString("build_id"), rs.getString("source_digest"), rs.getString("source_uri"),
                rs.getString("jar_digest"), rs.getString("jar_uri"), rs.getString("card"),
                Instant.ofEpochMilli(rs.getLong("created_ms")));
    }
}
