package dev.a2acloud.controlplane.auth;

import dev.a2acloud.controlplane.api.ApiErrors;
import dev.a2acloud.controlplane.api.ApiException;
import dev.a2acloud.controlplane.users.UserStore;
import dev.a2acloud.core.grants.GrantException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every {@code /v1} request carries a bearer token: the service token, a user's control-plane JWT or a workspace
 * grant. This filter establishes which (as a {@link Caller}); the controllers decide whether that kind may do what is
 * asked. Refusals are 401 with the verifier's reason. LLM grants are for the model gateway only.
 */
public class BearerAuthFilter extends OncePerRequestFilter {
    private static final Set<String> RECORDER_PATHS = Set.of("/v1/events", "/v1/dead-letters");

    private final ServiceToken serviceToken;
    private final Tokens tokens;
    private final UserStore users;
    private final boolean unauthenticatedRecorder;

    public BearerAuthFilter(ServiceToken serviceToken, Tokens tokens, UserStore users,
                            boolean unauthenticatedRecorder) {
        this.serviceToken = serviceToken;
        this.tokens = tokens;
        this.users = users;
        this.unauthenticatedRecorder = unauthenticatedRecorder;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/v1") || path.startsWith("/v1/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller;
        try {
            caller = identify(request);
        } catch (ApiException | GrantException e) {
            write(response, ApiErrors.answer(e, request.getMethod() + " " + request.getRequestURI()));
            return;
        }
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller);
        chain.doFilter(request, response);
    }

    private Caller identify(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if ((header == null || header.isBlank()) && unauthenticatedRecorder && RECORDER_PATHS.contains(path)) {
            return new Caller.Service();
        }
        if (header == null || header.isBlank()) {
            throw new ApiException(401, "unauthorized", "send 'Authorization: Bearer <token>'");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "unauthorized", "the Authorization header must be 'Bearer <token>'");
        }
        String token = header.substring(7).strip();
        if (serviceToken.matches(token)) {
            return new Caller.Service();
        }
        try {
            String userId = tokens.verifyUser(token).userId();
            if (!users.exists(userId)) {
                throw new ApiException(401, "unauthorized", "the token's user no longer exists; sign in again");
            }
            return new Caller.User(userId);
        } catch (GrantException e) {
            if (e.refusal() != GrantException.Refusal.WRONG_AUDIENCE) {
                throw e;
            }
        }
        try {
            return new Caller.WorkspaceHolder(tokens.verifyWorkspace(token), token);
        } catch (GrantException e) {
            if (e.refusal() != GrantException.Refusal.WRONG_AUDIENCE) {
                throw e;
            }
        }
        throw new ApiException(401, "unauthorized",
                "this token is not accepted by the control plane (an LLM grant is only for the model gateway)");
    }

    private static void write(HttpServletResponse response, ResponseEntity<byte[]> answer) throws IOException {
        response.setStatus(answer.getStatusCode().value());
        response.setContentType("application/json");
        if (answer.getStatusCode().value() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        byte[] body = answer.getBody();
        if (body != null) {
            response.getOutputStream().write(body);
        }
    }
}
