package dev.a2acloud.controlplane.grants;

import dev.a2acloud.controlplane.agents.AgentNames;
import dev.a2acloud.controlplane.api.ApiException;
import dev.a2acloud.controlplane.auth.Tokens;
import dev.a2acloud.controlplane.builds.BuildRecord;
import dev.a2acloud.controlplane.config.ControlPlaneProperties;
import dev.a2acloud.controlplane.users.UserStore;
import dev.a2acloud.core.grants.BuildGrants;
import dev.a2acloud.core.grants.LlmGrant;
import dev.a2acloud.core.grants.WorkspaceGrant;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * What a pipeline step receives for a build: a workspace grant on {@code agents/{name}/} of the owner's bucket, an
 * LLM grant within the configured limits and a control-plane token of the owner — all expiring after the grant TTL.
 * A build that entered through the broker rather than {@code POST /v1/builds} (a CloudEvent posted to the ingress) was
 * never checked by the API, so nothing is granted for an owner who is not a user or an agent name that is not one.
 */
@Service
public class GrantExchange {
    private final Tokens tokens;
    private final ControlPlaneProperties properties;
    private final Clock clock;
    private final UserStore users;

    public GrantExchange(Tokens tokens, ControlPlaneProperties properties, Clock clock, UserStore users) {
        this.tokens = tokens;
        this.users = users;
        this.properties = properties;
        this.clock = clock;
    }

    /** @param baseUrl where this control plane is reached (the LLM gateway defaults to {@code {baseUrl}/llm/v1}) */
    public BuildGrants grantsFor(BuildRecord build, String baseUrl) {
        if (!users.exists(build.owner())) {
            throw new ApiException(422, "unknown_owner", "build " + build.id() + " names owner '" + build.owner()
                    + "', who is not a user of this platform; start builds with POST /v1/builds or name your own"
                    + " user id (GET /v1/me) as the event's owner", "owner");
        }
        AgentNames.checkSyntax(build.agent());
        Instant expiresAt = clock.instant().plus(properties.grantTtl());
        WorkspaceGrant workspace = WorkspaceGrant.forAgent(build.owner(), build.agent(), build.id(), expiresAt);
        ControlPlaneProperties.Llm llm = properties.llm();
        LlmGrant llmGrant = new LlmGrant(build.owner(), llm.models(), llm.maxBudgetUsd(), llm.requestsPerMinute(),
                llm.tokensPerMinute(), build.id(), expiresAt);
        String gateway = llm.baseUrl() != null ? llm.baseUrl().toString() : baseUrl + "/llm/v1";
        return new BuildGrants(build.id(), build.owner(), build.agent(),
                new BuildGrants.Workspace(tokens.workspaceToken(workspace), build.owner(),
                        "agents/" + build.agent() + "/", expiresAt),
                new BuildGrants.Llm(tokens.llmToken(llmGrant), gateway, llm.models(), expiresAt),
                new BuildGrants.ControlPlane(tokens.userToken(build.owner(), properties.grantTtl()), expiresAt));
    }
}
