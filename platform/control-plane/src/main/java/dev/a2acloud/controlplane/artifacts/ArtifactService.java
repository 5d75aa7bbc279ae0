package dev.a2acloud.controlplane.artifacts;

import dev.a2acloud.controlplane.agents.AgentRepository;
import dev.a2acloud.controlplane.agents.AgentVersion;
import dev.a2acloud.controlplane.api.ApiException;
import dev.a2acloud.controlplane.builds.BuildRecord;
import dev.a2acloud.core.artifacts.ArtifactStore;
import dev.a2acloud.core.artifacts.Digests;
import dev.a2acloud.core.artifacts.StoredArtifact;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a build's artifacts (content-addressed, immutable) and records them on the agent's version. The same bytes
 * again are a no-op; a different source for a version that already exists is a conflict.
 */
@Service
public class ArtifactService {
    public static final Set<String> KINDS = Set.of("source", "jar");

    private final ArtifactStore store;
    private final ArtifactRepository artifacts;
    private final AgentRepository agents;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public ArtifactService(ArtifactStore store, ArtifactRepository artifacts, AgentRepository agents,
                           TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.artifacts = artifacts;
        this.agents = agents;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What was stored; {@code created} false when this build had already stored the same bytes. */
    public record Stored(String digest, String uri, long size, boolean created) {
    }

    public Stored store(BuildRecord build, String kind, byte[] data, String baseUrl) {
        if (!KINDS.contains(kind)) {
            throw ApiException.badRequest("invalid_kind", "artifact kind must be 'source' or 'jar', was '"
                    + (kind.length() > 40 ? kind.substring(0, 40) : kind) + "'", "kind");
        }
        if (data.length == 0) {
            throw ApiException.badRequest("empty_artifact", "the artifact body is empty", "body");
        }
        String digest = Digests.sha256(data);
        String uri = baseUrl + "/v1/artifacts/" + digest;
        Optional<AgentVersion> version = agents.version(build.agent(), build.version());
        if (kind.equals("source") && version.isPresent() && !version.get().buildId().equals(build.id())
                && version.get().sourceDigest() != null && !version.get().sourceDigest().equals(digest)) {
            throw new ApiException(409, "version_exists", "version " + build.version() + " of '" + build.agent()
                    + "' already exists with a different source (" + version.get().sourceDigest()
                    + "); build a new version");
        }
        StoredArtifact stored = store.put(data);
        Instant now = clock.instant();
        boolean created = Boolean.TRUE.equals(transactions.execute(tx -> {
            artifacts.own(digest, build.owner(), data.length, now);
            boolean same = artifacts.ofBuild(build.id(), kind).map(digest::equals).orElse(false);
            if (!same) {
                artifacts.recordForBuild(build.id(), kind, digest, data.length, now);
            }
            recordOnVersion(build, kind, digest, uri, now);
            return !same;
        }));
        return new Stored(stored.digest(), uri, stored.size(), created);
    }

    private void recordOnVersion(BuildRecord build, String kind, String digest, String uri, Instant now) {
        Optional<AgentVersion> existing = agents.version(build.agent(), build.version());
        if (existing.isEmpty()) {
            agents.insertVersion(new AgentVersion(build.agent(), build.version(), build.owner(), build.id(),
                    kind.equals("source") ? digest : null, kind.equals("source") ? uri : null,
                    kind.equals("jar") ? digest : null, kind.equals("jar") ? uri : null, null, now));
            return;
        }
        AgentVersion v = existing.get();
        if (!v.buildId().equals(build.id())) {
            return; // the first build of this version keeps it (same source, or refused above)
        }
        agents.updateVersion(new AgentVersion(v.agent(), v.version(), v.owner(), v.buildId(),
                kind.equals("source") ? digest : v.sourceDigest(), kind.equals("source") ? uri : v.sourceUri(),
                kind.equals("jar") ? digest : v.jarDigest(), kind.equals("jar") ? uri : v.jarUri(), v.card(),
                v.createdAt()));
    }

    /** The bytes, if {@code owner} (null = the service) may read them. */
    public Optional<byte[]> read(String digest, String owner) {
        Digests.hex(digest);
        if (owner != null && !artifacts.owns(digest, owner)) {
            return Optional.empty();
        }
        if (owner == null && !artifacts.known(digest)) {
            return Optional.empty();
        }
        return store.get(digest);
    }
}
