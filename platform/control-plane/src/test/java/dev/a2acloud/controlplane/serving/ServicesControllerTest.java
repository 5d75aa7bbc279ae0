package dev.a2acloud.controlplane.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.a2acloud.controlplane.api.ApiException;
import dev.a2acloud.controlplane.api.ApiJson;
import dev.a2acloud.controlplane.auth.Caller;
import dev.a2acloud.core.serving.ServiceStatus;
import dev.a2acloud.core.serving.ServiceStatusSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServicesControllerTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private final ServiceStatusSource source = new ServiceStatusSource() {
        private final Map<String, ServiceStatus> services = Map.of("echo", status("echo"), "theirs", status("theirs"));

        @Override
        public List<ServiceStatus> list() {
            return List.copyOf(services.values());
        }

        @Override
        public Optional<ServiceStatus> get(String name) {
            return Optional.ofNullable(services.get(name));
        }
    };
    private final ServicesController controller = new ServicesController(
            owner -> owner.equals("u-1") ? Set.of("echo") : Set.of("theirs"), () -> Optional.of(source));

    @Test
    void listsOnlyTheCallersServicesInKnativeTerms() throws Exception {
        JsonNode body = ApiJson.MAPPER.readTree(controller.list(new Caller.User("u-1")).getBody());
        assertEquals(1, body.path("services").size());
        JsonNode echo = body.path("services").get(0);
        assertEquals("echo", echo.path("name").asText());
        assertEquals("True", echo.path("ready").asText());
        assertEquals("echo-00002", echo.path("latestReadyRevision").asText());
        assertEquals(100, echo.path("revisions").get(0).path("trafficPercent").asInt());
        assertEquals(false, echo.path("egressEnforced").asBoolean());
        assertEquals("2026-01-01T00:00:00Z", echo.path("conditions").get(0).path("lastTransitionTime").asText());
    }

    @Test
    void anotherUsersServiceIsNotFoundAndStepsMayNotList() {
        ApiException missing = assertThrows(ApiException.class, () -> controller.get(new Caller.User("u-1"), "theirs"));
        assertEquals(404, missing.status());
        assertEquals(200, controller.get(new Caller.User("u-1"), "echo").getStatusCode().value());
        assertEquals(403, assertThrows(ApiException.class, () -> controller.list(new Caller.Service())).status());
    }

    @Test
    void withoutAStatusSourceTheAnswerSaysSo() {
        ServicesController none = new ServicesController(owner -> Set.of("echo"), Optional::empty);
        ApiException unavailable = assertThrows(ApiException.class, () -> none.list(new Caller.User("u-1")));
        assertEquals(503, unavailable.status());
    }

    private static ServiceStatus status(String name) {
        return new ServiceStatus(name, "http://127.0.0.1:8080/agents/" + name + "/", T, name + "-00002",
                name + "-00002", List.of(new ServiceStatus.Condition("Ready", "True", null, null, T)),
                List.of(new ServiceStatus.RevisionStatus(name + "-00002", T, 100, true, 0, "img", "ScaledToZero"),
                        new ServiceStatus.RevisionStatus(name + "-00001", T, 0, true, 0, "img", "Retired")),
                false);
    }
}
