package dev.a2acloud.core.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/** The embedded default: bubblewrap namespaces around the command, cgroups/rlimits for resources. */
final class BubblewrapSandbox extends LocalSandbox {
    private static final Logger LOG = Logger.getLogger(BubblewrapSandbox.class.getName());
    static final String ALLOW_LIST_REFUSED = "egress allow-lists are not supported by the bubblewrap sandbox: it "
            + "cannot route a sandbox through an egress proxy on this host, and it never grants full network instead. "
            + "Use egress 'none' (and fetch what you need before the run), or run on the microsandbox/sandbox-runner "
            + "backend";

    private final String bwrap;

    BubblewrapSandbox(String bwrap, Cgroups cgroups, String prlimit) {
        super(cgroups, prlimit);
        this.bwrap = bwrap;
    }

    @Override
    List<String> isolate(SandboxRequest request, Path workspace, List<String> commandLine, boolean shareHostNetwork) {
        if (shareHostNetwork) {
            LOG.warning(() -> "SANDBOX EGRESS NOT ENFORCED: " + commandLine.get(0)
                    + " runs in bubblewrap with the host network shared (it can reach anything this host reaches)");
        }
        return BubblewrapCommand.build(bwrap, request, workspace, commandLine, shareHostNetwork);
    }

    @Override
    void prepareEnvironment(Map<String, String> environment, SandboxRequest request, Path workspace) {
        // bwrap --clearenv builds the sandbox's environment from the request alone.
    }

    @Override
    void checkEgress(SandboxRequest request) {
        if (request.egress().mode() == EgressPolicy.Mode.ALLOW_LIST) {
            throw SandboxException.refused(ALLOW_LIST_REFUSED + " (asked for " + request.egress().hosts() + ")");
        }
    }

    @Override
    public String describe() {
        return "bubblewrap+" + isolationName();
    }
}
