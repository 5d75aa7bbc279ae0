package dev.a2acloud.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The JSON Schema of every event type, loaded once from {@code schemas/} on the classpath. */
final class EventSchemas {
    private final Map<EventType, JsonSchema> schemas = new EnumMap<>(EventType.class);

    EventSchemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
        for (EventType type : EventType.values()) {
            String resource = "/schemas/" + type.schemaFile();
            try (InputStream in = EventSchemas.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("schema " + resource + " is missing from the classpath; "
                            + "the events module ships events/schemas/ as schemas/");
                }
                schemas.put(type, factory.getSchema(in, config));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read schema " + resource, e);
            }
        }
    }

    /** Throws naming the first violation (by JSON pointer, prefixed with {@code /data}) and listing all of them. */
    void validate(EventType type, JsonNode data) {
        Set<ValidationMessage> violations = schemas.get(type).validate(data);
        if (violations.isEmpty()) {
            return;
        }
        var sorted = violations.stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .toList();
        ValidationMessage first = sorted.getFirst();
        String field = "/data" + pointer(first, type);
        String all = sorted.stream().map(m -> "/data" + pointer(m, type) + " " + stripLocation(m))
                .collect(Collectors.joining("; "));
        throw new InvalidEventException(field, "does not match schema " + type.schemaFile() + ": " + all);
    }

    /** A missing required property is reported at its parent; point at the property itself, which is what to fix. */
    private static String pointer(ValidationMessage message, EventType type) {
        String location = message.getInstanceLocation().toString();
        if ("required".equals(message.getType()) && message.getProperty() != null) {
            return (location.isEmpty() || location.equals("/") ? "" : location) + "/" + message.getProperty();
        }
        return location;
    }

    private static String stripLocation(ValidationMessage message) {
        String text = message.getMessage();
        String location = message.getInstanceLocation().toString();
        if (!location.isEmpty() && text.startsWith(location)) {
            text = text.substring(location.length()).stripLeading();
            if (text.startsWith(":")) {
                text = text.substring(1).stripLeading();
            }
        }
        return text;
    }
}
