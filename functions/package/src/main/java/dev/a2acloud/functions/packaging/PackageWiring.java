package dev.a2acloud.functions.packaging;

import dev.a2acloud.core.grants.GrantExchangeClient;
import dev.a2acloud.core.packaging.ArtifactClient;
import dev.a2acloud.core.workspace.WorkspaceClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Production wiring from the environment: the grant exchange, workspace API and artifact API of the control plane at
 * {@code A2A_CONTROL_PLANE_URL}, authenticated with {@code A2A_SERVICE_TOKEN}.
 */
public final class PackageWiring {
    private PackageWiring() {
    }

    public static PackageStep fromEnvironment(Map<String, String> env) {
        String url = env.get("A2A_CONTROL_PLANE_URL");
        String token = env.get("A2A_SERVICE_TOKEN");
        if (url == null || url.isBlank() || token == null || token.isBlank()) {
            throw new IllegalStateException("package needs A2A_CONTROL_PLANE_URL and A2A_SERVICE_TOKEN");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI controlPlane = URI.create(url);
        GrantExchangeClient grants = new GrantExchangeClient(controlPlane, token, http);
        ArtifactClient artifacts = new ArtifactClient(controlPlane, () -> token, http);
        return new PackageStep(buildId -> workspace(new WorkspaceClient(controlPlane,
                grants.exchange(buildId, PackageStep.STEP).workspace().token())), artifacts::put);
    }

    static PackageStep.ProjectFiles workspace(WorkspaceClient client) {
        return new PackageStep.ProjectFiles() {
            @Override
            public byte[] archive(String prefix) {
                return client.downloadArchive(prefix);
            }

            @Override
            public Optional<byte[]> readIfExists(String path) {
                return client.readIfExists(path);
            }
        };
    }
}
