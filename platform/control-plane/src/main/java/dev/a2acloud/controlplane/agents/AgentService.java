package dev.a2acloud.controlplane.agents;

import dev.a2acloud.controlplane.api.ApiException;
import dev.a2acloud.controlplane.builds.BuildRecord;
import dev.a2acloud.controlplane.builds.BuildService;
import dev.a2acloud.controlplane.builds.Versions;
import dev.a2acloud.controlplane.config.ControlPlaneProperties;
import dev.a2acloud.core.grants.WorkspaceGrant;
import dev.a2acloud.core.workspace.StoredObject;
import dev.a2acloud.core.workspace.TarballEntry;
import dev.a2acloud.core.workspace.TarballLimits;
import dev.a2acloud.core.workspace.TarballReader;
import dev.a2acloud.core.workspace.WorkspaceAccess;
import dev.a2acloud.core.workspace.WorkspaceStore;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/** Agent uploads and deletion. */
@Service
public class AgentService {
    private final AgentRepository agents;
    private final BuildService builds;
    private final WorkspaceStore workspaces;
    private final ObjectProvider<AgentUndeployer> undeployer;
    private final TarballLimits limits;
    private final Clock clock;

    public AgentService(AgentRepository agents, BuildService builds, WorkspaceStore workspaces,
                        ObjectProvider<AgentUndeployer> undeployer, ControlPlaneProperties properties, Clock clock) {
        this.agents = agents;
        this.builds = builds;
        this.workspaces = workspaces;
        this.undeployer = undeployer;
        ControlPlaneProperties.Limits l = properties.limits();
        this.limits = new TarballLimits(l.maxTarballBytes(), l.maxUnpackedBytes(), l.maxEntries(), l.maxDepth());
        this.clock = clock;
    }

    /**
     * Checks the whole upload (tarball intake limits and paths, a2a.yaml, name, version) before anything is written,
     * then replaces {@code agents/{name}/} in the owner's workspace and enters the pipeline at validation.
     */
    public BuildRecord upload(String owner, String name, String version, boolean publicAgent, InputStream tarGz) {
        AgentNames.check(name);
        if (version != null && !version.isBlank()) {
            Versions.check(version);
        }
        UploadedProject project = UploadedProject.of(new TarballReader(limits).read(tarGz));
        if (project.declaredName() != null && !project.declaredName().equals(name)) {
            throw ApiException.badRequest("name_mismatch", "a2a.yaml names the agent '" + project.declaredName()
                    + "' but the upload is for '" + name + "'; make them equal", "name");
        }
        String effective = version == null || version.isBlank() ? project.declaredVersion() : version;
        if (effective == null || effective.isBlank()) {
            throw ApiException.badRequest("missing_field", "give a 'version' or set one in a2a.yaml", "version");
        }
        if (project.declaredVersion() != null && !project.declaredVersion().equals(effective)) {
            throw ApiException.badRequest("version_mismatch", "a2a.yaml says version " + project.declaredVersion()
                    + " but the upload asks for " + effective + "; make them equal", "version");
        }
        Versions.check(effective);
        return builds.uploadBuild(owner, name, effective, publicAgent,
                build -> replaceProject(owner, name, build.id(), project.files()));
    }

    private void replaceProject(String owner, String name, String buildId, List<TarballEntry> files) {
        WorkspaceAccess access = new WorkspaceAccess(workspaces,
                WorkspaceGrant.forAgent(owner, name, buildId, clock.instant().plus(Duration.ofMinutes(5))));
        String prefix = "agents/" + name + "/";
        Set<String> incoming = new HashSet<>();
        for (TarballEntry file : files) {
            incoming.add(prefix + file.path());
        }
        // Every target is checked before the first write (paths were normalised by the intake).
        for (String target : incoming) {
            access.grant().checkWrite(target);
        }
        for (TarballEntry file : files) {
            access.write(prefix + file.path(), file.data());
        }
        for (StoredObject old : access.list(prefix)) {
            if (!incoming.contains(old.path())) {
                access.delete(old.path());
            }
        }
    }

    /** Deletes the owner's agent: off the air, records and workspace gone; the name becomes free. */
    public void delete(String owner, String name) {
        Optional<AgentRecord> agent = agents.find(name).filter(a -> a.owner().equals(owner));
        if (agent.isEmpty()) {
            throw ApiException.notFound("agent " + name);
        }
        AgentUndeployer undeploy = undeployer.getIfAvailable();
        if (undeploy != null) {
            undeploy.undeploy(owner, name);
        }
        agents.delete(name, owner);
        WorkspaceAccess access = new WorkspaceAccess(workspaces,
                WorkspaceGrant.forAgent(owner, name, null, clock.instant().plus(Duration.ofMinutes(5))));
        for (StoredObject object : access.list("agents/" + name + "/")) {
            access.delete(object.path());
        }
    }
}
