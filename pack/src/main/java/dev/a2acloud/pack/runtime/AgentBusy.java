package dev.a2acloud.pack.runtime;

import dev.a2acloud.pack.PackException;

/** The declared concurrency is in use: the request is refused at once (HTTP 429, JSON-RPC -32603), not queued. */
final class AgentBusy extends PackException {
    AgentBusy(int limit) {
        super("the agent is busy: its declared concurrency of " + limit + " request(s) at a time is in use; retry "
                + "shortly or raise runtime.concurrency in a2a.yaml", "runtime.concurrency", true, null);
    }
}
