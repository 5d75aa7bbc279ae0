package dev.a2acloud.pack.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.a2acloud.pack.Param;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Java types → JSON Schema (draft 2020-12 subset) for skill input/output schemas. A pure function: strings,
 * numbers, booleans, enums, arrays/collections, string-keyed maps, records (with {@link Param} descriptions),
 * Optional, and JsonNode/Object as "any".
 */
public final class SchemaGenerator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaGenerator() {
    }

    public static ObjectNode schema(Type type) {
        return schema(type, new HashSet<>());
    }

    private static ObjectNode schema(Type type, Set<Class<?>> visiting) {
        ObjectNode s = JSON.createObjectNode();
        if (type instanceof WildcardType w) {
            return schema(w.getUpperBounds()[0], visiting);
        }
        if (type instanceof GenericArrayType g) {
            s.put("type", "array");
            s.set("items", schema(g.getGenericComponentType(), visiting));
            return s;
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Optional.class.equals(raw)) {
                return schema(args[0], visiting);
            }
            if (Collection.class.isAssignableFrom(raw)) {
                s.put("type", "array");
                s.set("items", schema(args[0], visiting));
                return s;
            }
            if (Map.class.isAssignableFrom(raw)) {
                s.put("type", "object");
                s.set("additionalProperties", schema(args[1], visiting));
                return s;
            }
            return schema(raw, visiting);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class || c == char.class || c == Character.class || CharSequence.class.isAssignableFrom(c)) {
            s.put("type", "string");
        } else if (c == int.class || c == Integer.class || c == long.class || c == Long.class || c == short.class
                || c == Short.class || c == byte.class || c == Byte.class || c == BigInteger.class) {
            s.put("type", "integer");
        } else if (c == double.class || c == Double.class || c == float.class || c == Float.class
                || c == BigDecimal.class || c == Number.class) {
            s.put("type", "number");
        } else if (c == boolean.class || c == Boolean.class) {
            s.put("type", "boolean");
        } else if (c == void.class || c == Void.class) {
            s.put("type", "null");
        } else if (c.isEnum()) {
            s.put("type", "string");
            ArrayNode values = s.putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
        } else if (c.isArray()) {
            s.put("type", "array");
            s.set("items", schema(c.getComponentType(), visiting));
        } else if (Collection.class.isAssignableFrom(c)) {
            s.put("type", "array");
        } else if (Map.class.isAssignableFrom(c)) {
            s.put("type", "object");
        } else if (c == Object.class || JsonNode.class.isAssignableFrom(c)) {
            // any JSON value: the empty schema
        } else if (c.isRecord()) {
            if (!visiting.add(c)) {
                s.put("type", "object");
                return s;
            }
            s.put("type", "object");
            ObjectNode props = s.putObject("properties");
            ArrayNode required = s.putArray("required");
            for (RecordComponent component : c.getRecordComponents()) {
                ObjectNode ps = schema(component.getGenericType(), visiting);
                Param param = component.getAnnotation(Param.class);
                if (param != null && !param.value().isEmpty()) {
                    ps.put("description", param.value());
                }
                props.set(component.getName(), ps);
                boolean optional = (param != null && param.optional()) || component.getType() == Optional.class;
                if (!optional) {
                    required.add(component.getName());
                }
            }
            s.put("additionalProperties", false);
            visiting.remove(c);
        } else {
            s.put("type", "object");
        }
        return s;
    }
}
