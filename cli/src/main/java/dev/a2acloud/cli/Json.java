package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reading the control plane's JSON without binding to its classes: lists, optional fields, timestamps. */
final class Json {
    private Json() {
    }

    /** The elements of {@code node} if it is an array, else of its first array-valued field among {@code fields}. */
    static List<JsonNode> items(JsonNode node, String... fields) {
        JsonNode array = node;
        if (!node.isArray()) {
            array = null;
            for (String field : fields) {
                if (node.path(field).isArray()) {
                    array = node.path(field);
                    break;
                }
            }
        }
        List<JsonNode> items = new ArrayList<>();
        if (array != null) {
            array.forEach(items::add);
        }
        return items;
    }

    /** The first non-empty text among {@code fields} (dotted paths allowed), or "". */
    static String text(JsonNode node, String... fields) {
        for (String field : fields) {
            JsonNode value = at(node, field);
            if (value.isValueNode() && !value.isNull() && !value.asText().isEmpty()) {
                return value.asText();
            }
        }
        return "";
    }

    static JsonNode at(JsonNode node, String dottedPath) {
        JsonNode current = node;
        for (String part : dottedPath.split("\\.")) {
            current = current.path(part);
        }
        return current;
    }

    /** An instant written as ISO-8601 text, epoch seconds (with fraction, Jackson's default) or epoch millis. */
    static Instant instant(JsonNode node, String... fields) {
        for (String field : fields) {
            JsonNode value = at(node, field);
            if (value.isTextual()) {
                try {
                    return Instant.parse(value.asText());
                } catch (DateTimeParseException ignored) {
                    // try the next field
                }
            } else if (value.isNumber()) {
                BigDecimal number = value.decimalValue();
                if (number.compareTo(BigDecimal.valueOf(100_000_000_000L)) > 0) {
                    return Instant.ofEpochMilli(number.longValue());
                }
                long seconds = number.longValue();
                long nanos = number.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).longValue();
                return Instant.ofEpochSecond(seconds, nanos);
            }
        }
        return null;
    }

    static List<String> strings(JsonNode node, String... fields) {
        for (String field : fields) {
            JsonNode value = at(node, field);
            if (value.isArray()) {
                List<String> out = new ArrayList<>();
                value.forEach(item -> out.add(item.isObject() ? text(item, "id", "name") : item.asText()));
                return out;
            }
        }
        return List.of();
    }
}
