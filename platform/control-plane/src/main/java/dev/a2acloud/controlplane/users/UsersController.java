package dev.a2acloud.controlplane.users;

import com.fasterxml.jackson.databind.JsonNode;
import dev.a2acloud.controlplane.api.ApiJson;
import dev.a2acloud.controlplane.auth.Caller;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Users: created by the operator (service token); a user can ask who they are and for a fresh token. */
@RestController
public class UsersController {
    private final UserTokens userTokens;
    private final UserStore users;

    public UsersController(UserTokens userTokens, UserStore users) {
        this.userTokens = userTokens;
        this.users = users;
    }

    @PostMapping("/v1/users")
    public ResponseEntity<byte[]> create(Caller caller, @RequestBody(required = false) byte[] body) {
        caller.requireService();
        JsonNode json = body == null || body.length == 0 ? ApiJson.MAPPER.createObjectNode() : ApiJson.object(body);
        UserTokens.IssuedUser user = userTokens.createLocalUser(ApiJson.text(json, "name"));
        return ApiJson.status(201, Map.of("userId", user.userId(), "name", user.name(), "token", user.token()));
    }

    @GetMapping("/v1/me")
    public ResponseEntity<byte[]> me(Caller caller) {
        String userId = caller.requireUser();
        UserStore.User user = users.find(userId).orElseThrow();
        return ApiJson.ok(Map.of("userId", user.id(), "name", user.name()));
    }

    @PostMapping("/v1/me/token")
    public ResponseEntity<byte[]> refresh(Caller caller) {
        String userId = caller.requireUser();
        return ApiJson.ok(Map.of("token", userTokens.issueToken(userId)));
    }
}
