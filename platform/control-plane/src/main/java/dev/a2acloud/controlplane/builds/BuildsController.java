package dev.a2acloud.controlplane.builds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.a2acloud.controlplane.api.ApiException;
import dev.a2acloud.controlplane.api.ApiJson;
import dev.a2acloud.controlplane.api.BaseUrl;
import dev.a2acloud.controlplane.artifacts.ArtifactService;
import dev.a2acloud.controlplane.auth.Caller;
import dev.a2acloud.controlplane.config.ControlPlaneProperties;
import dev.a2acloud.controlplane.grants.GrantExchange;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code /v1/builds}: start, list, inspect and follow builds; grant exchange and artifact upload for steps. */
@RestController
public class BuildsController {
    private static final Pattern STEP = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private final BuildService service;
    private final BuildRepository builds;
    private final GrantExchange grants;
    private final ArtifactService artifacts;
    private final BuildStreams streams;
    private final BaseUrl baseUrl;
    private final ControlPlaneProperties properties;

    public BuildsController(BuildService service, BuildRepository builds, GrantExchange grants,
                            ArtifactService artifacts, BuildStreams streams, BaseUrl baseUrl,
                            ControlPlaneProperties properties) {
        this.service = service;
        this.builds = builds;
        this.grants = grants;
        this.artifacts = artifacts;
        this.streams = streams;
        this.baseUrl = baseUrl;
        this.properties = properties;
    }

    @PostMapping("/v1/builds")
    public ResponseEntity<byte[]> create(Caller caller, @RequestBody(required = false) byte[] body) {
        String owner = caller.requireUser();
        JsonNode json = ApiJson.object(body);
        BuildRecord build = service.requestBuild(owner, ApiJson.text(json, "name"), ApiJson.text(json, "prompt"),
                ApiJson.text(json, "version"), ApiJson.bool(json, "public"));
        Map<String, Object> view = BuildViews.summary(build);
        return ApiJson.status(202, view);
    }

    @GetMapping("/v1/builds")
    public ResponseEntity<byte[]> list(Caller caller, @RequestParam(defaultValue = "100") int limit) {
        String owner = caller.requireUser();
        return ApiJson.ok(Map.of("builds", builds.byOwner(owner, limit).stream().map(BuildViews::summary).toList()));
    }

    @GetMapping("/v1/builds/{id}")
    public ResponseEntity<byte[]> get(Caller caller, @PathVariable String id) {
        BuildRecord build = visible(caller, id);
        return ApiJson.ok(BuildViews.detail(build, builds.events(id, 0)));
    }

    @GetMapping(value = "/v1/builds/{id}/events", produces = {MediaType.TEXT_EVENT_STREAM_VALUE, "*/*"})
    public SseEmitter events(Caller caller, @PathVariable String id, HttpServletRequest request) {
        BuildRecord build = visible(caller, id);
        return streams.follow(build.id(), request.getHeader("Last-Event-ID"));
    }

    @PostMapping("/v1/builds/{id}/grants")
    public ResponseEntity<byte[]> grants(Caller caller, @PathVariable String id,
                                         @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        caller.requireService();
        JsonNode json = ApiJson.object(body);
        String step = ApiJson.text(json, "step");
        if (step == null || !STEP.matcher(step).matches()) {
            throw ApiException.badRequest("invalid_step", "'step' must name the asking step, e.g. generate", "step");
        }
        BuildRecord build = builds.find(id).orElseThrow(() -> ApiException.notFound("build " + id));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(grants.grantsFor(build, baseUrl.of(request)).toJson()
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @PutMapping("/v1/builds/{id}/artifact/{kind}")
    public ResponseEntity<byte[]> artifact(Caller caller, @PathVariable String id, @PathVariable String kind,
                                           HttpServletRequest request) throws IOException {
        caller.requireService();
        BuildRecord build = builds.find(id).orElseThrow(() -> ApiException.notFound("build " + id));
        byte[] data = readBounded(request.getInputStream(), properties.limits().maxArtifactBytes());
        ArtifactService.Stored stored = artifacts.store(build, kind, data, baseUrl.of(request));
        return ApiJson.status(stored.created() ? 201 : 200,
                Map.of("digest", stored.digest(), "uri", stored.uri(), "size", stored.size()));
    }

    /** The user's own build, or any for the service; 404 for everything else. */
    private BuildRecord visible(Caller caller, String id) {
        String owner = caller.userOrService();
        return builds.find(id).filter(b -> owner == null || b.owner().equals(owner))
                .orElseThrow(() -> ApiException.notFound("build " + id));
    }

    public static byte[] readBounded(InputStream in, long limit) throws IOException {
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
        if (data.length > limit) {
            throw new ApiException(413, "too_large", "the body is larger than " + limit + " bytes");
        }
        return data;
    }
}
