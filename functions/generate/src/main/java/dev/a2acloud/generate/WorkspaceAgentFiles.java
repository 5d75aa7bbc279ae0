package dev.a2acloud.generate;

import dev.a2acloud.core.workspace.StoredObject;
import dev.a2acloud.core.workspace.WorkspaceClient;
import java.util.List;
import java.util.Optional;

/** {@link AgentFiles} over the control plane's workspace API with the build's workspace grant. */
public final class WorkspaceAgentFiles implements AgentFiles {
    private final WorkspaceClient client;

    public WorkspaceAgentFiles(WorkspaceClient client) {
        this.client = client;
    }

    @Override
    public Optional<byte[]> read(String path) {
        return client.readIfExists(path);
    }

    @Override
    public void write(String path, byte[] data) {
        client.write(path, data);
    }

    @Override
    public List<String> list(String prefix) {
        return client.list(prefix).stream().map(StoredObject::path).toList();
    }

    @Override
    public void delete(String path) {
        client.delete(path);
    }
}
