package dev.a2acloud.controlplane.auth;

import dev.a2acloud.controlplane.api.ApiException;
import dev.a2acloud.core.grants.WorkspaceGrant;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is calling, as established by {@link BearerAuthFilter} for every {@code /v1} request. Controllers declare a
 * {@code Caller} parameter (resolved by {@link CallerArgumentResolver}) and say which kind they need.
 */
public sealed interface Caller {
    String REQUEST_ATTRIBUTE = Caller.class.getName();

    /** A user with a control-plane token. */
    record User(String userId) implements Caller {
    }

    /** A pipeline step with the service token. */
    record Service() implements Caller {
    }

    /** Someone holding a workspace grant (a step, an agent, a sandbox run). */
    record WorkspaceHolder(WorkspaceGrant grant, String token) implements Caller {
    }

    /** The caller of the current request; only absent outside {@code /v1}. */
    static Caller of(HttpServletRequest request) {
        Object caller = request.getAttribute(REQUEST_ATTRIBUTE);
        if (caller instanceof Caller c) {
            return c;
        }
        throw new ApiException(401, "unauthorized", "send 'Authorization: Bearer <token>'");
    }

    default String requireUser() {
        if (this instanceof User user) {
            return user.userId();
        }
        throw new ApiException(403, "wrong_credential", "this call needs a user's control-plane token");
    }

    default void requireService() {
        if (!(this instanceof Service)) {
            throw new ApiException(403, "wrong_credential", "this call needs the platform's service token");
        }
    }

    default WorkspaceGrant requireWorkspaceGrant() {
        if (this instanceof WorkspaceHolder holder) {
            return holder.grant();
        }
        throw new ApiException(403, "wrong_credential", "this call needs a workspace grant as the bearer token");
    }

    /** The user id, or null for the service (which may see everything). Anything else is refused. */
    default String userOrService() {
        return switch (this) {
            case User user -> user.userId();
            case Service service -> null;
            case WorkspaceHolder holder -> throw new ApiException(403, "wrong_credential",
                    "this call needs a user's token or the service token");
        };
    }
}
