package dev.a2acloud.local.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Filter dialects, parsed from Trigger YAML exactly as the broker reads knative/. */
class EventFilterTest {
    private final CloudEvent requested = CloudEventBuilder.v1().withId("1").withSource(URI.create("/a2a-cloud/cp"))
            .withType("dev.a2acloud.build.requested").withSubject("echo").withExtension("buildid", "b-1").build();
    private final CloudEvent live = CloudEventBuilder.v1().withId("2").withSource(URI.create("/a2a-cloud/card-probe"))
            .withType("dev.a2acloud.build.live").withSubject("echo").build();

    private static EventFilter filter(String filters) {
        String yaml = """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata: {name: t}
                spec:
                  broker: default
                  subscriber: {ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: s}}
                %s
                """.formatted(filters.indent(2));
        return Events.triggers(yaml).getFirst().filter();
    }

    @Test
    void exactNeedsEveryAttributeEqual() {
        EventFilter f = filter("filters:\n  - exact: {type: dev.a2acloud.build.requested, buildid: b-1}");
        assertTrue(f.matches(requested));
        assertFalse(f.matches(live));
        assertFalse(filter("filters:\n  - exact: {type: dev.a2acloud.build.requested, buildid: b-2}").matches(requested));
    }

    @Test
    void prefixAndSuffix() {
        assertTrue(filter("filters:\n  - prefix: {type: dev.a2acloud.build.}").matches(live));
        assertTrue(filter("filters:\n  - suffix: {type: .live}").matches(live));
        assertFalse(filter("filters:\n  - suffix: {type: .live}").matches(requested));
        assertTrue(filter("filters:\n  - prefix: {source: /a2a-cloud/card}").matches(live));
    }

    @Test
    void aMissingAttributeNeverMatches() {
        assertFalse(filter("filters:\n  - prefix: {buildid: b}").matches(live));
        assertTrue(filter("filters:\n  - not: {prefix: {buildid: b}}").matches(live));
    }

    @Test
    void allAnyNotAndTheImplicitAllOfTheList() {
        EventFilter any = filter("""
                filters:
                  - any:
                      - exact: {type: dev.a2acloud.build.requested}
                      - exact: {type: dev.a2acloud.build.rejected}""");
        assertTrue(any.matches(requested));
        assertFalse(any.matches(live));
        EventFilter all = filter("""
                filters:
                  - all:
                      - prefix: {type: dev.a2acloud.}
                      - suffix: {type: .live}""");
        assertTrue(all.matches(live));
        assertFalse(all.matches(requested));
        EventFilter list = filter("""
                filters:
                  - prefix: {type: dev.a2acloud.build.}
                  - not: {exact: {type: dev.a2acloud.build.live}}""");
        assertTrue(list.matches(requested));
        assertFalse(list.matches(live));
    }

    @Test
    void legacyAttributesFilterWithEmptyMeaningAny() {
        EventFilter legacy = filter("filter:\n  attributes: {type: dev.a2acloud.build.live, subject: \"\"}");
        assertTrue(legacy.matches(live));
        assertFalse(legacy.matches(requested));
    }

    @Test
    void noFilterMatchesEverything() {
        assertTrue(filter("").matches(live));
    }

    @Test
    void unsupportedOrAmbiguousFiltersAreRefusedNamingTheTrigger() {
        var cesql = assertThrows(TriggerManifestException.class, () -> filter("filters:\n  - cesql: \"type = 'x'\""));
        assertTrue(cesql.getMessage().contains("Trigger t"), cesql.getMessage());
        assertTrue(cesql.getMessage().contains("cesql"), cesql.getMessage());
        var two = assertThrows(TriggerManifestException.class,
                () -> filter("filters:\n  - exact: {type: a}\n    prefix: {type: b}"));
        assertTrue(two.getMessage().contains("exactly one dialect"), two.getMessage());
    }

    @Test
    void badDeliveryIsRefusedNamingTheField() {
        String yaml = Events.trigger("t", "x", "s", Events.delivery(2, "exponential", "two seconds", null));
        var e = assertThrows(TriggerManifestException.class, () -> Events.triggers(yaml));
        assertTrue(e.getMessage().contains("backoffDelay"), e.getMessage());
        assertEquals(1, Events.triggers(Events.trigger("t", "x", "s", Events.delivery(2, "linear", "PT1S", "PT3S"))).size());
    }
}
