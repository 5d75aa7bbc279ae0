package dev.a2acloud.controlplane.agents;

/**
 * Takes a deleted agent off the air: embedded, local serving stops its revisions; in a cluster, the GitOps side
 * removes its Application. Provided by the assembly; without one, delete removes only the records and workspace.
 */
@FunctionalInterface
public interface AgentUndeployer {
    void undeploy(String owner, String agent);
}
