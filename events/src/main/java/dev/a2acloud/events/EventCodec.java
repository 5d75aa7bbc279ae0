package dev.a2acloud.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CloudEvent encoding of build events (DESIGN §4): {@code type} from {@link EventType}, {@code subject} = agent,
 * extension {@code buildid}, {@code dataschema} pointing at the type's schema, {@code source}
 * {@code /a2a-cloud/{step}}, deterministic ids ({@link EventIds}), JSON data. Inbound events are checked against
 * their schema and refused with {@link InvalidEventException} naming the field. Thread-safe; build one and share it.
 */
public final class EventCodec {
    public static final String BUILD_ID = "buildid";
    public static final String SOURCE_PREFIX = "/a2a-cloud/";
    public static final String SCHEMA_BASE = "https://a2acloud.dev/events/schemas/";
    public static final String JSON = "application/json";

    private static final Pattern QUOTED_ATTRIBUTE = Pattern.compile("'([a-z0-9]+)'|\\b(specversion|id|source|type)\\b");
    private static final List<String> REQUIRED_ATTRIBUTES = List.of("id", "source", "type");

    private final Clock clock;
    private final ObjectMapper json = EventJson.mapper();
    private final EventSchemas schemas = new EventSchemas();

    public EventCodec() {
        this(Clock.systemUTC());
    }

    public EventCodec(Clock clock) {
        this.clock = clock;
    }

    /** The {@code dataschema} URI of a type. */
    public static URI dataschema(EventType type) {
        return URI.create(SCHEMA_BASE + type.schemaFile());
    }

    /** {@code step} is the function emitting the event (e.g. {@code generate}, {@code control-plane}). */
    public CloudEvent encode(BuildEvent event, String step) {
        if (step == null || step.isBlank()) {
            throw new IllegalArgumentException("step must name the emitting function, e.g. generate");
        }
        EventType type = event.type();
        byte[] data;
        try {
            data = json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + type.ceType() + ": " + e.getOriginalMessage(), e);
        }
        return CloudEventBuilder.v1()
                .withId(EventIds.of(event))
                .withType(type.ceType())
                .withSource(URI.create(SOURCE_PREFIX + step))
                .withSubject(event.agent())
                .withTime(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .withDataSchema(dataschema(type))
                .withDataContentType(JSON)
                .withExtension(BUILD_ID, event.buildId())
                .withData(JSON, data)
                .build();
    }

    /** Checks the envelope and the payload against the type's schema, then maps it to its record. */
    public BuildEvent decode(CloudEvent event) {
        EventType type = checkEnvelope(event);
        JsonNode data = dataAsJson(event);
        schemas.validate(type, data);
        String buildId = data.path("buildId").asText();
        if (!buildId.equals(String.valueOf(event.getExtension(BUILD_ID)))) {
            throw new InvalidEventException(BUILD_ID, "extension is '" + event.getExtension(BUILD_ID)
                    + "' but data.buildId is '" + buildId + "'; they must be equal");
        }
        String agent = data.path("agent").asText();
        if (!agent.equals(event.getSubject())) {
            throw new InvalidEventException("subject", "is '" + event.getSubject() + "' but data.agent is '"
                    + agent + "'; the subject must be the agent name");
        }
        try {
            return json.treeToValue(data, type.payloadType());
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("data", "cannot be read as " + type.ceType() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Validates any CloudEvent the way a broker ingress should: version 1.0 with id, source and type; events of our
     * own types ({@link EventType#PREFIX}) must also decode. Returns the build event, or null for a foreign type.
     */
    public BuildEvent validate(CloudEvent event) {
        requireV1(event.getSpecVersion());
        if (event.getType().startsWith(EventType.PREFIX)) {
            return decode(event);
        }
        return null;
    }

    /** Reads binary or structured mode; header names in any case. Structure only — call {@link #decode} next. */
    public CloudEvent readHttp(Map<String, String> headers, byte[] body) {
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        String specversion = lower.get("ce-specversion");
        if (specversion != null) {
            requireV1Text(specversion);
        }
        CloudEvent event;
        try {
            event = HttpMessageFactory.createReader(lower, body == null ? new byte[0] : body).toEvent();
        } catch (CloudEventRWException e) {
            throw refusal(e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new InvalidEventException(attributeNamedIn(e.getMessage()), e.getMessage(), e);
        } catch (RuntimeException e) {
            // e.g. a structured body that is not JSON: the SDK's format raises its own exception types.
            throw new InvalidEventException("event", "not a readable CloudEvent: " + firstLine(e.getMessage()), e);
        }
        requireV1(event.getSpecVersion());
        return event;
    }

    /** {@link #readHttp} of a JDK response's headers (the first value of each). */
    public CloudEvent readHttp(HttpHeaders headers, byte[] body) {
        Map<String, String> first = new LinkedHashMap<>();
        headers.map().forEach((name, values) -> first.put(name, values.getFirst()));
        return readHttp(first, body);
    }

    /** {@link #readHttp} then {@link #decode}. */
    public BuildEvent decodeHttp(Map<String, String> headers, byte[] body) {
        return decode(readHttp(headers, body));
    }

    /** {@link #readHttp(HttpHeaders, byte[])} then {@link #decode}: the event a step replied with. */
    public BuildEvent decodeHttp(HttpHeaders headers, byte[] body) {
        return decode(readHttp(headers, body));
    }

    /** Binary mode: {@code ce-*} headers, {@code content-type}, data as the body. */
    public static BinaryHttpMessage toHttp(CloudEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        AtomicReference<byte[]> body = new AtomicReference<>(new byte[0]);
        HttpMessageFactory.createWriter((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value),
                bytes -> body.set(bytes == null ? new byte[0] : bytes)).writeBinary(event);
        return new BinaryHttpMessage(headers, body.get());
    }

    public BinaryHttpMessage encodeHttp(BuildEvent event, String step) {
        return toHttp(encode(event, step));
    }

    private EventType checkEnvelope(CloudEvent event) {
        requireV1(event.getSpecVersion());
        EventType type = EventType.fromCeType(event.getType()).orElseThrow(() -> new InvalidEventException("type",
                "unknown event type '" + event.getType() + "'; expected one of " + knownTypes()));
        Object buildId = event.getExtension(BUILD_ID);
        if (buildId == null || buildId.toString().isBlank()) {
            throw new InvalidEventException(BUILD_ID, "extension is missing; every build event carries the build id "
                    + "as the CloudEvent extension 'buildid' (header ce-buildid)");
        }
        String contentType = event.getDataContentType();
        if (contentType != null && !isJson(contentType)) {
            throw new InvalidEventException("datacontenttype", "is '" + contentType + "'; build events carry "
                    + JSON + " data");
        }
        URI schema = event.getDataSchema();
        if (schema != null && !schema.equals(dataschema(type))) {
            throw new InvalidEventException("dataschema", "is '" + schema + "' but " + type.ceType()
                    + " is described by " + dataschema(type));
        }
        return type;
    }

    private JsonNode dataAsJson(CloudEvent event) {
        CloudEventData data = event.getData();
        byte[] bytes = data == null ? null : data.toBytes();
        if (bytes == null || bytes.length == 0) {
            throw new InvalidEventException("data", "is missing; a " + event.getType() + " carries a JSON object "
                    + "described by " + dataschema(EventType.fromCeType(event.getType()).orElseThrow()));
        }
        try {
            JsonNode node = json.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new InvalidEventException("data", "must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidEventException("data", "is not valid JSON: " + firstLine(e.getMessage()), e);
        }
    }

    private static void requireV1(SpecVersion version) {
        if (version != SpecVersion.V1) {
            throw new InvalidEventException("specversion", "is '" + version + "'; only CloudEvents 1.0 is accepted");
        }
    }

    private static void requireV1Text(String version) {
        if (!"1.0".equals(version.trim())) {
            throw new InvalidEventException("specversion", "is '" + version + "'; only CloudEvents 1.0 is accepted");
        }
    }

    private static InvalidEventException refusal(CloudEventRWException e) {
        return switch (e.getKind()) {
            case INVALID_SPEC_VERSION -> new InvalidEventException("specversion",
                    firstLine(e.getMessage()) + "; only CloudEvents 1.0 is accepted", e);
            case UNKNOWN_ENCODING -> new InvalidEventException("specversion", "the request is not a CloudEvent: send "
                    + "binary mode (headers ce-specversion: 1.0, ce-id, ce-source, ce-type) or structured mode "
                    + "(Content-Type: application/cloudevents+json)", e);
            default -> new InvalidEventException(attributeNamedIn(e.getMessage()), firstLine(e.getMessage()), e);
        };
    }

    /** The SDK's messages name the attribute in quotes; fall back to the whole event when they do not. */
    private static String attributeNamedIn(String message) {
        if (message != null) {
            Matcher m = QUOTED_ATTRIBUTE.matcher(message);
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                if (name != null) {
                    return name;
                }
            }
            for (String attribute : REQUIRED_ATTRIBUTES) {
                if (message.contains(attribute)) {
                    return attribute;
                }
            }
        }
        return "event";
    }

    private static boolean isJson(String contentType) {
        String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return base.equals(JSON) || base.endsWith("+json") || base.equals("text/json");
    }

    private static String knownTypes() {
        return String.join(", ", java.util.Arrays.stream(EventType.values()).map(EventType::ceType).toList());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
