package dev.a2acloud.core.sandbox;

import java.util.List;

/**
 * Runs untrusted commands with a {@code /workspace} directory, resource limits and an egress policy. Backends: bubblewrap
 * (embedded default), microsandbox ({@code msb}, on KVM hosts) and a remote sandbox-runner; all refuse what they cannot
 * enforce instead of silently running looser.
 */
public interface Sandbox {

    /** Runs {@code command} (a path, or a name looked up on the sandbox's PATH) with {@code args} to completion. */
    SandboxResult exec(SandboxRequest request, String command, List<String> args);

    default SandboxResult runShell(SandboxRequest request, String script) {
        return exec(request, "/bin/sh", List.of("-c", script));
    }

    default SandboxResult runPython(SandboxRequest request, String code) {
        return exec(request, "python3", List.of("-c", code));
    }

    /**
     * Starts a long-running process (an agent instance) and returns at once. The request's timeout does not apply; the
     * caller stops it with {@link SandboxProcess#destroy()}. With {@code shareHostNetwork} the process can listen on and
     * reach the host's network — egress is then NOT enforced, and the backend says so loudly in its log.
     */
    SandboxProcess start(SandboxRequest request, List<String> commandLine, boolean shareHostNetwork);

    /** A short name of the backend and its isolation, for logs and benchmarks (e.g. {@code bubblewrap+cgroup-v1}). */
    String describe();
}
