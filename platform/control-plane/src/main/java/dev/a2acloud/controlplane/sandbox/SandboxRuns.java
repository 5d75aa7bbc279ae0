package dev.a2acloud.controlplane.sandbox;

import dev.a2acloud.core.sandbox.Sandboxes;
import dev.a2acloud.core.sandbox.remote.GrantedSandboxRuns;
import dev.a2acloud.core.sandbox.remote.SandboxRunService;
import dev.a2acloud.core.workspace.WorkspaceStore;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The sandbox behind {@code /v1/sandbox/run}, chosen from the environment ({@code A2A_SANDBOX_BACKEND}) on first use:
 * a host without bubblewrap still starts the control plane, and sandbox calls answer with how to install it.
 */
@Component
public class SandboxRuns {
    private final WorkspaceStore store;
    private volatile GrantedSandboxRuns runs;

    public SandboxRuns(WorkspaceStore store) {
        this.store = store;
    }

    GrantedSandboxRuns get() {
        GrantedSandboxRuns current = runs;
        if (current == null) {
            synchronized (this) {
                if (runs == null) {
                    runs = new GrantedSandboxRuns(new SandboxRunService(Sandboxes.fromEnvironment(System.getenv()),
                            List.of()), store);
                }
                current = runs;
            }
        }
        return current;
    }
}
