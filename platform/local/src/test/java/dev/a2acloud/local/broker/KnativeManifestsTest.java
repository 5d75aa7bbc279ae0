package dev.a2acloud.local.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.a2acloud.events.EventType;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.CoerceJavaToLua;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Checks {@code knative/} without a cluster: every manifest parses into its fabric8 model class, every Trigger
 * reaches a Service defined here, every filter names a type of {@link EventType}, every step's input type has a
 * Trigger, and the Argo CD health check (Lua) says the right thing for Knative Service statuses.
 */
class KnativeManifestsTest {
    static final Path KNATIVE = Path.of("../../knative");
    static final Map<String, Class<? extends HasMetadata>> MODELS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", io.fabric8.kubernetes.api.model.Service.class,
            "eventing.knative.dev/v1/Broker", Broker.class,
            "eventing.knative.dev/v1/Trigger", Trigger.class,
            "serving.knative.dev/v1/Service", Service.class);
    /** What each builder step consumes (DESIGN §1). */
    static final Map<String, Set<EventType>> STEP_INPUTS = Map.of(
            "generate", Set.of(EventType.REQUESTED, EventType.REJECTED),
            "sandbox-validate", Set.of(EventType.GENERATED),
            "package", Set.of(EventType.VALIDATED),
            "git-commit", Set.of(EventType.PACKAGED),
            "argo-sync", Set.of(EventType.COMMITTED),
            "card-probe", Set.of(EventType.SYNCED));

    private final List<HasMetadata> resources = load();

    private static List<HasMetadata> load() {
        try {
            JsonNode kustomization = TriggerManifests.YAML.readTree(KNATIVE.resolve("kustomization.yaml").toFile());
            List<String> files = new ArrayList<>();
            kustomization.path("resources").forEach(r -> files.add(r.asText()));
            files.add("argocd/argocd-cm-patch.yaml");
            List<HasMetadata> out = new ArrayList<>();
            for (String file : files) {
                Path path = KNATIVE.resolve(file);
                assertTrue(Files.exists(path), "kustomization.yaml lists " + file + " but it does not exist");
                try (MappingIterator<JsonNode> docs = TriggerManifests.YAML.readerFor(JsonNode.class)
                        .readValues(path.toFile())) {
                    while (docs.hasNext()) {
                        JsonNode doc = docs.next();
                        if (doc == null || doc.isEmpty()) {
                            continue;
                        }
                        String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
                        Class<? extends HasMetadata> model = MODELS.get(key);
                        if (model == null) {
                            continue; // other engineers' manifests (sandbox-runner, LiteLLM) are checked by them
                        }
                        out.add(TriggerManifests.YAML.treeToValue(doc, model));
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("knative/ does not parse: " + e.getMessage(), e);
        }
    }

    private <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private ConfigMap argoCm() {
        return all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals("argocd-cm")).findFirst()
                .orElseThrow(() -> new AssertionError("knative/argocd/argocd-cm-patch.yaml holds no argocd-cm"));
    }

    private Map<String, Service> services() {
        return all(Service.class).stream().collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
    }

    @Test
    void everyManifestParsesIntoItsModel() {
        assertEquals(1, all(Namespace.class).size());
        assertEquals("default", all(Broker.class).getFirst().getMetadata().getName());
        assertEquals(7, all(Trigger.class).size());
        assertTrue(services().keySet().containsAll(STEP_INPUTS.keySet()), services().keySet().toString());
        assertTrue(services().containsKey("control-plane"));
        assertTrue(argoCm().getData().containsKey("resource.customizations.health.serving.knative.dev_Service"));
    }

    @Test
    void everySubscriberAndDeadLetterSinkIsAServiceDefinedHere() {
        Map<String, Service> services = services();
        for (Trigger trigger : all(Trigger.class)) {
            String name = trigger.getMetadata().getName();
            assertEquals("default", trigger.getSpec().getBroker(), name);
            assertServiceRef(trigger.getSpec().getSubscriber(), services, name + " subscriber");
            assertNotNull(trigger.getSpec().getDelivery(), name + " has no delivery");
            assertServiceRef(trigger.getSpec().getDelivery().getDeadLetterSink(), services, name + " deadLetterSink");
            assertEquals("/v1/dead-letters", trigger.getSpec().getDelivery().getDeadLetterSink().getUri(), name);
            assertEquals("exponential", trigger.getSpec().getDelivery().getBackoffPolicy(), name);
            assertTrue(trigger.getSpec().getDelivery().getRetry() > 0, name);
            Duration.parse(trigger.getSpec().getDelivery().getBackoffDelay());
        }
    }

    private static void assertServiceRef(Destination destination, Map<String, Service> services, String where) {
        assertNotNull(destination, where);
        assertNotNull(destination.getRef(), where + " must reference a Service");
        assertEquals("serving.knative.dev/v1", destination.getRef().getApiVersion(), where);
        assertEquals("Service", destination.getRef().getKind(), where);
        assertTrue(services.containsKey(destination.getRef().getName()),
                where + " names Service " + destination.getRef().getName() + " which knative/ does not define");
    }

    @Test
    void everyFilterNamesAnExistingEventType() {
        Set<String> types = Arrays.stream(EventType.values()).map(EventType::ceType).collect(Collectors.toSet());
        for (Trigger trigger : all(Trigger.class)) {
            List<SubscriptionsAPIFilter> filters = trigger.getSpec().getFilters();
            assertFalse(filters == null || filters.isEmpty(), trigger.getMetadata().getName() + " uses the filters dialect");
            filters.forEach(f -> checkTypes(f, types, trigger.getMetadata().getName()));
        }
    }

    private static void checkTypes(SubscriptionsAPIFilter f, Set<String> types, String trigger) {
        if (f.getExact() != null && f.getExact().containsKey("type")) {
            assertTrue(types.contains(f.getExact().get("type")), trigger + ": unknown type " + f.getExact().get("type"));
        }
        if (f.getPrefix() != null && f.getPrefix().containsKey("type")) {
            assertTrue(types.stream().anyMatch(t -> t.startsWith(f.getPrefix().get("type"))), trigger + ": prefix matches no type");
        }
        if (f.getSuffix() != null && f.getSuffix().containsKey("type")) {
            assertTrue(types.stream().anyMatch(t -> t.endsWith(f.getSuffix().get("type"))), trigger + ": suffix matches no type");
        }
        for (List<SubscriptionsAPIFilter> nested : Arrays.asList(f.getAll(), f.getAny())) {
            if (nested != null) {
                nested.forEach(n -> checkTypes(n, types, trigger));
            }
        }
        if (f.getNot() != null) {
            checkTypes(f.getNot(), types, trigger);
        }
    }

    /** Routes a sample of every type through the broker's own reading of the Triggers. */
    @Test
    void everyStepGetsExactlyItsInputTypesAndTheRecorderGetsEverything() {
        List<TriggerSpec> triggers = TriggerManifests.fromDirectory(KNATIVE, "default");
        Map<EventType, Set<String>> routes = new HashMap<>();
        for (EventType type : EventType.values()) {
            CloudEvent event = CloudEventBuilder.v1().withId("x").withSource(java.net.URI.create("/t"))
                    .withType(type.ceType()).build();
            routes.put(type, triggers.stream().filter(t -> t.matches(event)).map(t -> t.subscriber().service())
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        STEP_INPUTS.forEach((step, inputs) -> {
            for (EventType type : EventType.values()) {
                assertEquals(inputs.contains(type), routes.get(type).contains(step), step + " and " + type);
            }
        });
        for (EventType type : EventType.values()) {
            assertTrue(routes.get(type).contains("control-plane"), type + " does not reach the recorder");
            boolean consumedByAStep = routes.get(type).stream().anyMatch(STEP_INPUTS::containsKey);
            boolean pipelineType = !type.terminal() && type != EventType.PROGRESS;
            assertEquals(pipelineType, consumedByAStep, type + ": no step left without a trigger");
        }
        assertEquals(List.of("/v1/events"), triggers.stream().filter(t -> t.subscriber().service().equals("control-plane"))
                .map(t -> t.subscriber().path()).toList());
    }

    @Test
    void functionServicesScaleToZeroWithLimitsProbesAndRoomForTheTriggerTimeout() {
        Map<String, Service> services = services();
        Map<String, Duration> triggerTimeouts = new HashMap<>();
        all(Trigger.class).forEach(t -> triggerTimeouts.put(t.getSpec().getSubscriber().getRef().getName(),
                Duration.parse(t.getSpec().getDelivery().getTimeout())));
        for (String step : STEP_INPUTS.keySet()) {
            Service service = services.get(step);
            var template = service.getSpec().getTemplate();
            assertEquals("0", template.getMetadata().getAnnotations().get("autoscaling.knative.dev/min-scale"), step);
            assertNotNull(template.getSpec().getContainerConcurrency(), step);
            long timeoutSeconds = template.getSpec().getTimeoutSeconds();
            assertTrue(triggerTimeouts.get(step).toSeconds() <= timeoutSeconds,
                    step + ": the Trigger waits longer than the Service may run");
            Container container = template.getSpec().getContainers().getFirst();
            assertEquals("function-" + step, container.getImage());
            assertNotNull(container.getReadinessProbe(), step);
            assertNotNull(container.getLivenessProbe(), step);
            assertNotNull(container.getResources().getRequests().get("memory"), step);
            assertNotNull(container.getResources().getLimits().get("memory"), step);
        }
    }

    @Test
    void skaffoldBuildsEveryImageTheManifestsUse() throws IOException {
        JsonNode skaffold = TriggerManifests.YAML.readTree(KNATIVE.resolveSibling("skaffold.yaml").toFile());
        Set<String> built = new TreeSet<>();
        skaffold.path("build").path("artifacts").forEach(a -> {
            assertTrue(a.path("jib").has("project"), a.toString());
            built.add(a.path("image").asText());
        });
        for (Service service : all(Service.class)) {
            service.getSpec().getTemplate().getSpec().getContainers().forEach(c ->
                    assertTrue(built.contains(c.getImage()), "skaffold does not build " + c.getImage()));
        }
        assertTrue(built.contains("agent-runtime"));
        assertEquals("knative", skaffold.path("manifests").path("kustomize").path("paths").get(0).asText());
    }

    @Test
    void argoHealthCheckJudgesKnativeServices() throws IOException {
        String lua = argoCm().getData().get("resource.customizations.health.serving.knative.dev_Service");
        assertEquals("Progressing", health(lua, "{\"metadata\":{\"generation\":1}}"));
        assertEquals("Healthy", health(lua, """
                {"metadata":{"generation":2},"status":{"observedGeneration":2,"latestCreatedRevisionName":"echo-00002",
                 "latestReadyRevisionName":"echo-00002","conditions":[{"type":"Ready","status":"True"}]}}"""));
        assertEquals("Progressing", health(lua, """
                {"metadata":{"generation":2},"status":{"observedGeneration":1,
                 "conditions":[{"type":"Ready","status":"True"}]}}"""));
        assertEquals("Progressing", health(lua, """
                {"metadata":{"generation":2},"status":{"observedGeneration":2,"latestCreatedRevisionName":"echo-00003",
                 "latestReadyRevisionName":"echo-00002","conditions":[{"type":"Ready","status":"True"}]}}"""));
        assertEquals("Degraded", health(lua, """
                {"metadata":{"generation":2},"status":{"observedGeneration":2,
                 "conditions":[{"type":"Ready","status":"False","reason":"RevisionFailed","message":"exit 1"}]}}"""));
        assertEquals("Progressing", health(lua, """
                {"metadata":{"generation":2},"status":{"observedGeneration":2,
                 "conditions":[{"type":"Ready","status":"Unknown"}]}}"""));
    }

    /** Runs the check the way Argo CD does: a global {@code obj} holding the resource, the script returns a table. */
    private static String health(String script, String objectJson) throws IOException {
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", toLua(TriggerManifests.YAML.readTree(objectJson)));
        LuaValue result = globals.load(script, "health.lua").call();
        if (!result.istable()) {
            fail("the health check returned " + result);
        }
        return result.get("status").tojstring();
    }

    private static LuaValue toLua(JsonNode node) {
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            node.properties().forEach(e -> table.set(e.getKey(), toLua(e.getValue())));
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, toLua(node.get(i)));
            }
            return table;
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.asDouble());
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.asBoolean());
        }
        return node.isNull() ? LuaValue.NIL : CoerceJavaToLua.coerce(node.asText());
    }
}
