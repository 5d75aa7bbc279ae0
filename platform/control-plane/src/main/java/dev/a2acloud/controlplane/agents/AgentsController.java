package dev.a2acloud.controlplane.agents;

import dev.a2acloud.controlplane.api.ApiException;
import dev.a2acloud.controlplane.api.ApiJson;
import dev.a2acloud.controlplane.auth.Caller;
import dev.a2acloud.controlplane.builds.BuildRecord;
import dev.a2acloud.controlplane.builds.BuildRepository;
import dev.a2acloud.controlplane.builds.BuildViews;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /v1/agents}: the caller's agents, their versions and deployments; upload and delete. */
@RestController
public class AgentsController {
    private final AgentRepository agents;
    private final BuildRepository builds;
    private final AgentService service;

    public AgentsController(AgentRepository agents, BuildRepository builds, AgentService service) {
        this.agents = agents;
        this.builds = builds;
        this.service = service;
    }

    @GetMapping("/v1/agents")
    public ResponseEntity<byte[]> list(Caller caller) {
        String owner = caller.requireUser();
        return ApiJson.ok(Map.of("agents", agents.byOwner(owner).stream().map(AgentsController::summary).toList()));
    }

    @GetMapping("/v1/agents/{name}")
    public ResponseEntity<byte[]> get(Caller caller, @PathVariable String name) {
        AgentRecord agent = owned(caller, name);
        Map<String, Object> view = summary(agent);
        if (agent.card() != null) {
            try {
                view.put("card", ApiJson.MAPPER.readTree(agent.card()));
            } catch (IOException e) {
                view.put("card", null);
            }
        }
        view.put("versions", agents.versions(name, agent.owner()).stream().map(v -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("version", v.version());
            item.put("buildId", v.buildId());
            item.put("sourceDigest", v.sourceDigest());
            item.put("sourceUri", v.sourceUri());
            item.put("jarDigest", v.jarDigest());
            item.put("jarUri", v.jarUri());
            item.put("createdAt", v.createdAt().toString());
            return item;
        }).toList());
        builds.latestOfAgent(name, agent.owner()).map(BuildViews::summary).ifPresent(b -> view.put("latestBuild", b));
        return ApiJson.ok(view);
    }

    @GetMapping("/v1/agents/{name}/deployments")
    public ResponseEntity<byte[]> deployments(Caller caller, @PathVariable String name) {
        AgentRecord agent = owned(caller, name);
        List<Map<String, Object>> items = agents.deployments(name, agent.owner()).stream().map(d -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("at", d.recordedAt().toString());
            item.put("type", d.type());
            item.put("version", d.version());
            item.put("buildId", d.buildId());
            item.put("revision", d.revision());
            item.put("url", d.url());
            item.put("commit", d.commit());
            item.put("message", d.message());
            return item;
        }).toList();
        return ApiJson.ok(Map.of("deployments", items));
    }

    @DeleteMapping("/v1/agents/{name}")
    public ResponseEntity<byte[]> delete(Caller caller, @PathVariable String name) {
        service.delete(caller.requireUser(), name);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(value = "/v1/agents/from-tarball", consumes = "multipart/form-data")
    public ResponseEntity<byte[]> fromTarball(Caller caller,
                                              @RequestPart(name = "source", required = false) MultipartFile source,
                                              @RequestParam(name = "name", required = false) String name,
                                              @RequestParam(name = "version", required = false) String version,
                                              @RequestParam(name = "public", required = false) String publicAgent)
            throws IOException {
        String owner = caller.requireUser();
        if (source == null || source.isEmpty()) {
            throw ApiException.badRequest("missing_field", "the form needs a 'source' part with the project as a"
                    + " .tar.gz", "source");
        }
        boolean isPublic = parseBoolean(publicAgent);
        BuildRecord build;
        try (InputStream in = source.getInputStream()) {
            build = service.upload(owner, name, version, isPublic, in);
        }
        return ApiJson.status(202, BuildViews.summary(build));
    }

    private AgentRecord owned(Caller caller, String name) {
        String owner = caller.requireUser();
        return agents.find(name).filter(a -> a.owner().equals(owner))
                .orElseThrow(() -> ApiException.notFound("agent " + name));
    }

    static Map<String, Object> summary(AgentRecord a) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", a.name());
        view.put("status", a.status());
        view.put("version", a.currentVersion());
        view.put("url", a.url());
        view.put("public", a.publicAgent());
        view.put("latestBuildId", a.latestBuildId());
        view.put("createdAt", a.createdAt().toString());
        view.put("updatedAt", a.updatedAt().toString());
        view.put("links", Map.of("self", "/v1/agents/" + a.name(),
                "deployments", "/v1/agents/" + a.name() + "/deployments"));
        return view;
    }

    private static boolean parseBoolean(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw ApiException.badRequest("invalid_field", "'public' must be true or false", "public");
        };
    }
}
