package dev.a2acloud.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private final EventCodec codec = new EventCodec(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void everyTypeRoundTripsThroughBinaryHttp() {
        for (BuildEvent event : SampleEvents.all()) {
            BinaryHttpMessage http = codec.encodeHttp(event, "generate");
            assertEquals(event, codec.decodeHttp(http.headers(), http.body()), event.type().ceType());
        }
    }

    @Test
    void encodeSetsTheContractAttributes() {
        BuildEvent event = new BuildValidated("b-7", "echo", "u-1", "1.0.0", 2, Origin.PROMPT, "agents/echo/",
                SampleEvents.DIGEST, null, null);
        CloudEvent ce = codec.encode(event, "sandbox-validate");
        assertEquals("dev.a2acloud.build.validated", ce.getType());
        assertEquals("b-7.validated.2", ce.getId());
        assertEquals(URI.create("/a2a-cloud/sandbox-validate"), ce.getSource());
        assertEquals("echo", ce.getSubject());
        assertEquals("b-7", ce.getExtension("buildid"));
        assertEquals(URI.create("https://a2acloud.dev/events/schemas/build.validated.json"), ce.getDataSchema());
        assertEquals("application/json", ce.getDataContentType());

        BinaryHttpMessage http = EventCodec.toHttp(ce);
        assertEquals("b-7.validated.2", http.headers().get("ce-id"));
        assertEquals("b-7", http.headers().get("ce-buildid"));
        assertEquals("application/json", http.headers().get("content-type"));
        assertTrue(new String(http.body(), StandardCharsets.UTF_8).contains("\"sourceDigest\""));
    }

    @Test
    void idsAreDeterministicAndDistinguishContinuationsAndProgress() {
        var first = new BuildRequested("b-1", "echo", "u-1", "1.0.0", 1, "p", false, 0);
        var next = new BuildRequested("b-1", "echo", "u-1", "1.0.0", 1, "p", false, 1);
        assertEquals("b-1.requested.1.0", EventIds.of(first));
        assertEquals("b-1.requested.1.1", EventIds.of(next));
        var p1 = new BuildProgress("b-1", "echo", "u-1", "1.0.0", 1, "generate", "file_written", "a");
        var p2 = new BuildProgress("b-1", "echo", "u-1", "1.0.0", 1, "generate", "file_written", "b");
        assertEquals(EventIds.of(p1), EventIds.of(p1));
        assertNotEquals(EventIds.of(p1), EventIds.of(p2));
        assertTrue(EventIds.of(p1).startsWith("b-1.progress.1."));
    }

    @Test
    void structuredModeIsRead() {
        String body = """
                {"specversion":"1.0","id":"b-1.failed.1","source":"/a2a-cloud/package","type":"dev.a2acloud.build.failed",
                 "subject":"echo","buildid":"b-1","datacontenttype":"application/json",
                 "data":{"buildId":"b-1","agent":"echo","owner":"u","version":"1.0.0","attempt":1,
                         "stage":"package","reason":"digest changed","logTail":null}}""";
        BuildEvent event = codec.decodeHttp(Map.of("Content-Type", "application/cloudevents+json; charset=utf-8"),
                body.getBytes(StandardCharsets.UTF_8));
        assertEquals(new BuildFailed("b-1", "echo", "u", "1.0.0", 1, "package", "digest changed", null), event);
    }

    @Test
    void aRequestWithoutTheOptionalPublicFlagIsPrivate() {
        String body = """
                {"specversion":"1.0","id":"1","source":"/cli","type":"dev.a2acloud.build.requested",
                 "subject":"echo","buildid":"b-1","datacontenttype":"application/json",
                 "data":{"buildId":"b-1","agent":"echo","owner":"u","version":"1.0.0","attempt":1,
                         "prompt":"echo text","continuation":0}}""";
        BuildEvent event = codec.decodeHttp(Map.of("Content-Type", "application/cloudevents+json"),
                body.getBytes(StandardCharsets.UTF_8));
        assertEquals(new BuildRequested("b-1", "echo", "u", "1.0.0", 1, "echo text", false, 0), event);
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        BinaryHttpMessage http = codec.encodeHttp(SampleEvents.all().getFirst(), "control-plane");
        Map<String, String> upper = new HashMap<>();
        http.headers().forEach((k, v) -> upper.put(k.toUpperCase(), v));
        assertEquals(SampleEvents.all().getFirst(), codec.decodeHttp(upper, http.body()));
    }

    @Test
    void unknownTypeIsRefusedNamingType() {
        var ex = refuse(headers("dev.a2acloud.build.exploded"), validBody());
        assertEquals("type", ex.field());
        assertTrue(ex.getMessage().contains("dev.a2acloud.build.requested"), ex.getMessage());
        assertFalse(ex.retryable());
    }

    @Test
    void wrongSpecversionIsRefused() {
        Map<String, String> h = headers("dev.a2acloud.build.failed");
        h.put("ce-specversion", "0.3");
        assertEquals("specversion", refuse(h, validBody()).field());
        h.put("ce-specversion", "2.0");
        assertEquals("specversion", refuse(h, validBody()).field());
        String structured = "{\"specversion\":\"0.3\",\"id\":\"x\",\"source\":\"/s\",\"type\":\"t\"}";
        var ex = refuse(Map.of("content-type", "application/cloudevents+json"), structured.getBytes());
        assertEquals("specversion", ex.field());
    }

    @Test
    void missingBuildidIsRefused() {
        Map<String, String> h = headers("dev.a2acloud.build.failed");
        h.remove("ce-buildid");
        assertEquals("buildid", refuse(h, validBody()).field());
    }

    @Test
    void buildidMustMatchThePayload() {
        Map<String, String> h = headers("dev.a2acloud.build.failed");
        h.put("ce-buildid", "b-other");
        assertEquals("buildid", refuse(h, validBody()).field());
    }

    @Test
    void schemaViolationsNameTheJsonPointer() {
        String missingAttempt = "{\"buildId\":\"b-1\",\"agent\":\"echo\",\"owner\":\"u\",\"version\":\"1\","
                + "\"stage\":\"s\",\"reason\":\"r\"}";
        var ex = refuse(headers("dev.a2acloud.build.failed"), missingAttempt.getBytes());
        assertEquals("/data/attempt", ex.field(), ex.getMessage());

        String wrongType = validBodyText().replace("\"attempt\":1", "\"attempt\":\"one\"");
        assertEquals("/data/attempt", refuse(headers("dev.a2acloud.build.failed"), wrongType.getBytes()).field());

        String extra = validBodyText().replace("\"attempt\":1", "\"attempt\":1,\"token\":\"secret\"");
        var extraEx = refuse(headers("dev.a2acloud.build.failed"), extra.getBytes());
        assertTrue(extraEx.getMessage().contains("token"), extraEx.getMessage());
    }

    @Test
    void badDigestPatternIsRefused() {
        BuildEvent bad = new BuildValidated("b-1", "echo", "u-1", "1.0.0", 1, Origin.PROMPT, "agents/echo/",
                "md5:abc", null, null);
        BinaryHttpMessage http = codec.encodeHttp(bad, "sandbox-validate");
        var ex = assertThrows(InvalidEventException.class, () -> codec.decodeHttp(http.headers(), http.body()));
        assertEquals("/data/sourceDigest", ex.field());
    }

    @Test
    void nonJsonOrMissingDataIsRefused() {
        assertEquals("data", refuse(headers("dev.a2acloud.build.failed"), "not json".getBytes()).field());
        assertEquals("data", refuse(headers("dev.a2acloud.build.failed"), new byte[0]).field());
        Map<String, String> xml = headers("dev.a2acloud.build.failed");
        xml.put("content-type", "application/xml");
        assertEquals("datacontenttype", refuse(xml, validBody()).field());
    }

    @Test
    void missingRequiredAttributeIsRefusedByName() {
        Map<String, String> h = headers("dev.a2acloud.build.failed");
        h.remove("ce-id");
        assertEquals("id", refuse(h, validBody()).field());
        Map<String, String> noSource = headers("dev.a2acloud.build.failed");
        noSource.remove("ce-source");
        assertEquals("source", refuse(noSource, validBody()).field());
    }

    @Test
    void aPlainHttpRequestIsNotACloudEvent() {
        var ex = refuse(Map.of("content-type", "application/json"), validBody());
        assertEquals("specversion", ex.field());
        assertTrue(ex.getMessage().contains("binary mode"), ex.getMessage());
    }

    @Test
    void subjectMustBeTheAgent() {
        Map<String, String> h = headers("dev.a2acloud.build.failed");
        h.put("ce-subject", "other");
        assertEquals("subject", refuse(h, validBody()).field());
    }

    @Test
    void wrongDataschemaIsRefused() {
        Map<String, String> h = headers("dev.a2acloud.build.failed");
        h.put("ce-dataschema", "https://a2acloud.dev/events/schemas/build.live.json");
        assertEquals("dataschema", refuse(h, validBody()).field());
    }

    @Test
    void validateAcceptsForeignTypesButChecksOurs() {
        CloudEvent foreign = CloudEventBuilder.v1().withId("1").withSource(URI.create("/x")).withType("com.example.ping")
                .build();
        assertNull(codec.validate(foreign));
        CloudEvent ours = CloudEventBuilder.v1().withId("1").withSource(URI.create("/x"))
                .withType("dev.a2acloud.build.live").build();
        assertThrows(InvalidEventException.class, () -> codec.validate(ours));
    }

    private InvalidEventException refuse(Map<String, String> headers, byte[] body) {
        return assertThrows(InvalidEventException.class, () -> codec.decodeHttp(headers, body));
    }

    private static Map<String, String> headers(String type) {
        Map<String, String> h = new HashMap<>();
        h.put("ce-specversion", "1.0");
        h.put("ce-id", "b-1.failed.1");
        h.put("ce-source", "/a2a-cloud/package");
        h.put("ce-type", type);
        h.put("ce-subject", "echo");
        h.put("ce-buildid", "b-1");
        h.put("content-type", "application/json");
        return h;
    }

    private static String validBodyText() {
        return "{\"buildId\":\"b-1\",\"agent\":\"echo\",\"owner\":\"u\",\"version\":\"1.0.0\",\"attempt\":1,"
                + "\"stage\":\"package\",\"reason\":\"r\",\"logTail\":null}";
    }

    private static byte[] validBody() {
        return validBodyText().getBytes(StandardCharsets.UTF_8);
    }
}
