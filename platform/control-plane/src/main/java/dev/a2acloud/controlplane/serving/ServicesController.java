package dev.a2acloud.controlplane.serving;

import dev.a2acloud.controlplane.agents.AgentRecord;
import dev.a2acloud.controlplane.agents.AgentRepository;
import dev.a2acloud.controlplane.api.ApiException;
import dev.a2acloud.controlplane.api.ApiJson;
import dev.a2acloud.controlplane.auth.Caller;
import dev.a2acloud.core.serving.ServiceStatus;
import dev.a2acloud.core.serving.ServiceStatusSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/services} and {@code /v1/services/{name}}: the caller's deployed agents in Knative's terms (what
 * {@code kn service list} / {@code kn service describe} print), from the {@link ServiceStatusSource} the assembly
 * provides (local serving embedded, Knative in a cluster). Other users' services are not found, as if absent.
 */
@RestController
public class ServicesController {
    private final Function<String, Set<String>> ownedAgents;
    private final Supplier<Optional<ServiceStatusSource>> source;

    @Autowired
    public ServicesController(AgentRepository agents, ObjectProvider<ServiceStatusSource> source) {
        this(owner -> agents.byOwner(owner).stream().map(AgentRecord::name).collect(Collectors.toSet()),
                () -> Optional.ofNullable(source.getIfAvailable()));
    }

    ServicesController(Function<String, Set<String>> ownedAgents, Supplier<Optional<ServiceStatusSource>> source) {
        this.ownedAgents = ownedAgents;
        this.source = source;
    }

    @GetMapping("/v1/services")
    public ResponseEntity<byte[]> list(Caller caller) {
        Set<String> owned = ownedAgents.apply(caller.requireUser());
        List<Map<String, Object>> services = serving().list().stream()
                .filter(s -> owned.contains(s.name()))
                .map(ServicesController::view)
                .toList();
        return ApiJson.ok(Map.of("services", services));
    }

    @GetMapping("/v1/services/{name}")
    public ResponseEntity<byte[]> get(Caller caller, @PathVariable String name) {
        if (!ownedAgents.apply(caller.requireUser()).contains(name)) {
            throw ApiException.notFound("service " + name);
        }
        return ApiJson.ok(view(serving().get(name).orElseThrow(() -> ApiException.notFound("service " + name))));
    }

    private ServiceStatusSource serving() {
        return source.get().orElseThrow(() -> new ApiException(503, "serving_unavailable",
                "this control plane has no serving status source; run it with the embedded platform (a2a up) or "
                        + "configure the Knative status reader"));
    }

    static Map<String, Object> view(ServiceStatus status) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", status.name());
        view.put("url", status.url());
        view.put("created", text(status.created()));
        view.put("latestCreatedRevision", status.latestCreatedRevision());
        view.put("latestReadyRevision", status.latestReadyRevision());
        view.put("ready", status.conditions().stream().filter(c -> c.type().equals("Ready")).findFirst()
                .map(ServiceStatus.Condition::status).orElse("Unknown"));
        view.put("egressEnforced", status.egressEnforced());
        view.put("conditions", status.conditions().stream().map(c -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("type", c.type());
            item.put("status", c.status());
            item.put("reason", c.reason());
            item.put("message", c.message());
            item.put("lastTransitionTime", text(c.lastTransitionTime()));
            return item;
        }).toList());
        view.put("revisions", status.revisions().stream().map(r -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", r.name());
            item.put("created", text(r.created()));
            item.put("trafficPercent", r.trafficPercent());
            item.put("ready", r.ready());
            item.put("instances", r.instances());
            item.put("image", r.image());
            item.put("reason", r.reason());
            return item;
        }).toList());
        return view;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
