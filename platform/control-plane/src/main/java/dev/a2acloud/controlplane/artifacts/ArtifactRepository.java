package dev.a2acloud.controlplane.artifacts;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who owns which artifact, and which artifact a build stored for each kind. */
@Repository
public class ArtifactRepository {
    private final JdbcClient jdbc;

    public ArtifactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void own(String digest, String owner, long size, Instant now) {
        if (owns(digest, owner)) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO artifacts (digest, owner, size_bytes, created_ms) VALUES (?,?,?,?)")
                    .params(digest, owner, size, now.toEpochMilli()).update();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // Recorded concurrently: same fact.
        }
    }

    public boolean owns(String digest, String owner) {
        return jdbc.sql("SELECT COUNT(*) FROM artifacts WHERE digest = ? AND owner = ?").params(digest, owner)
                .query(Long.class).single() > 0;
    }

    public boolean known(String digest) {
        return jdbc.sql("SELECT COUNT(*) FROM artifacts WHERE digest = ?").param(digest).query(Long.class)
                .single() > 0;
    }

    /** The digest a build stored for {@code kind}, if any. */
    public Optional<String> ofBuild(String buildId, String kind) {
        return jdbc.sql("SELECT digest FROM build_artifacts WHERE build_id = ? AND kind = ?").params(buildId, kind)
                .query(String.class).optional();
    }

    public void recordForBuild(String buildId, String kind, String digest, long size, Instant now) {
        jdbc.sql("DELETE FROM build_artifacts WHERE build_id = ? AND kind = ?").params(buildId, kind).update();
        jdbc.sql("INSERT INTO build_artifacts (build_id, kind, digest, size_bytes, created_ms) VALUES (?,?,?,?,?)")
                .params(buildId, kind, digest, size, now.toEpochMilli()).update();
    }
}
