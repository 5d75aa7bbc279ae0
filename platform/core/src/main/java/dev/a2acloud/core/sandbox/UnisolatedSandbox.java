package dev.a2acloud.core.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Development only ({@code A2A_SANDBOX_UNISOLATED=1}): runs commands directly on the host with the workspace as the
 * working folder and only the limits cgroups/rlimits give. Nothing stops writes elsewhere or network access; every run
 * says so in the log.
 */
final class UnisolatedSandbox extends LocalSandbox {
    private static final Logger LOG = Logger.getLogger(UnisolatedSandbox.class.getName());
    static final String WARNING = "SANDBOX NOT ISOLATED (A2A_SANDBOX_UNISOLATED=1): untrusted code runs directly on "
            + "this host with your user's file and network access. Install bubblewrap (apt-get install bubblewrap) "
            + "and unset A2A_SANDBOX_UNISOLATED.";

    UnisolatedSandbox(Cgroups cgroups, String prlimit) {
        super(cgroups, prlimit);
    }

    @Override
    List<String> isolate(SandboxRequest request, Path workspace, List<String> commandLine, boolean shareHostNetwork) {
        LOG.warning(WARNING + " Running: " + commandLine.get(0));
        return commandLine;
    }

    @Override
    void prepareEnvironment(Map<String, String> environment, SandboxRequest request, Path workspace) {
        environment.put("HOME", workspace.toString());
        environment.put("WORKSPACE", workspace.toString());
        environment.put("LANG", "C.UTF-8");
        environment.putAll(request.env());
    }

    @Override
    void checkEgress(SandboxRequest request) {
        if (request.egress().mode() == EgressPolicy.Mode.ALLOW_LIST) {
            throw SandboxException.refused("egress allow-lists cannot be enforced without isolation; "
                    + "install bubblewrap or use the microsandbox backend");
        }
    }

    @Override
    public String describe() {
        return "UNISOLATED+" + isolationName();
    }
}
