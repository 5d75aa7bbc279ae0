package dev.a2acloud.sandboxvalidate;

import dev.a2acloud.core.grants.BuildGrants;
import dev.a2acloud.core.grants.GrantExchangeClient;
import dev.a2acloud.core.sandbox.Sandbox;
import dev.a2acloud.core.sandbox.Sandboxes;
import dev.a2acloud.core.sandbox.validation.PackToolchain;
import dev.a2acloud.core.sandbox.validation.ProjectValidator;
import dev.a2acloud.core.workspace.WorkspaceClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/**
 * Production wiring from the environment: the grant exchange and workspace API at {@code A2A_CONTROL_PLANE_URL} with
 * {@code A2A_SERVICE_TOKEN}, the sandbox from {@code A2A_SANDBOX_BACKEND} (local bubblewrap by default, {@code remote}
 * for the cluster's sandbox-runner), the pack toolchain of this JVM.
 */
public final class SandboxValidateWiring {
    private SandboxValidateWiring() {
    }

    public static SandboxValidateStep fromEnvironment(Map<String, String> env) {
        String url = env.get("A2A_CONTROL_PLANE_URL");
        String token = env.get("A2A_SERVICE_TOKEN");
        if (url == null || url.isBlank() || token == null || token.isBlank()) {
            throw new IllegalStateException("sandbox-validate needs A2A_CONTROL_PLANE_URL and A2A_SERVICE_TOKEN");
        }
        URI controlPlane = URI.create(url);
        // Read from the given settings, not the process environment: the embedded platform passes its own.
        GrantExchangeClient grants = new GrantExchangeClient(controlPlane, token,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        Sandbox sandbox = Sandboxes.fromEnvironment(env);
        ProjectValidator validator = new ProjectValidator(sandbox, PackToolchain.fromPack(),
                ProjectValidator.Settings.defaults());
        return new SandboxValidateStep(buildId -> workspaceStore(grants.exchange(buildId,
                SandboxValidateStep.STEP), controlPlane), validator::validateArchive);
    }

    static SandboxValidateStep.ProjectStore workspaceStore(BuildGrants grants, URI controlPlane) {
        WorkspaceClient client = new WorkspaceClient(controlPlane, grants.workspace().token());
        return new SandboxValidateStep.ProjectStore() {
            @Override
            public byte[] archive(String prefix) {
                return client.downloadArchive(prefix);
            }

            @Override
            public void write(String path, byte[] bytes) {
                client.write(path, bytes);
            }
        };
    }
}
