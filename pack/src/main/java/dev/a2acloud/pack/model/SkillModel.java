package dev.a2acloud.pack.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.a2acloud.pack.Param;
import dev.a2acloud.pack.RunContext;
import dev.a2acloud.pack.SkillPolicy;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * One skill: its card fields, policy, schemas, and how to call the method with JSON arguments. Binding is strict
 * (no "5" for an int, no unknown argument names) so a caller learns exactly which argument to fix.
 */
public final class SkillModel {
    /** Binding of JSON to Java: strict scalars, unknown record fields refused. */
    public static final ObjectMapper BINDER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    record Arg(String name, JavaType type, boolean context, boolean optional, Class<?> raw) {
    }

    private final String id;
    private final String name;
    private final String description;
    private final List<String> tags;
    private final List<String> examples;
    private final SkillPolicy policy;
    private final ObjectNode inputSchema;
    private final ObjectNode outputSchema;
    private final Method method;
    private final List<Arg> args;

    SkillModel(String id, String name, String description, List<String> tags, List<String> examples,
               SkillPolicy policy, Method method) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.tags = List.copyOf(tags);
        this.examples = List.copyOf(examples);
        this.policy = policy;
        this.method = method;
        this.args = new ArrayList<>();
        ObjectNode input = BINDER.createObjectNode().put("type", "object");
        ObjectNode props = input.putObject("properties");
        ArrayNode required = input.putArray("required");
        for (Parameter p : method.getParameters()) {
            if (p.getType() == RunContext.class) {
                args.add(new Arg(null, null, true, true, p.getType()));
                continue;
            }
            Param param = p.getAnnotation(Param.class);
            boolean optional = (param != null && param.optional()) || p.getType() == Optional.class;
            ObjectNode ps = SchemaGenerator.schema(p.getParameterizedType());
            if (param != null && !param.value().isEmpty()) {
                ps.put("description", param.value());
            }
            props.set(p.getName(), ps);
            if (!optional) {
                required.add(p.getName());
            }
            args.add(new Arg(p.getName(), BINDER.getTypeFactory().constructType(p.getParameterizedType()), false,
                    optional, p.getType()));
        }
        input.put("additionalProperties", false);
        this.inputSchema = input;
        this.outputSchema = SchemaGenerator.schema(method.getGenericReturnType());
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public List<String> tags() {
        return tags;
    }

    public List<String> examples() {
        return examples;
    }

    public SkillPolicy policy() {
        return policy;
    }

    public ObjectNode inputSchema() {
        return inputSchema.deepCopy();
    }

    public ObjectNode outputSchema() {
        return outputSchema.deepCopy();
    }

    /** The name of the single required String parameter a plain text message binds to, or null. */
    public String textParameter() {
        List<Arg> data = args.stream().filter(a -> !a.context()).toList();
        List<Arg> required = data.stream().filter(a -> !a.optional()).toList();
        if (required.size() == 1 && required.get(0).raw() == String.class) {
            return required.get(0).name();
        }
        if (required.isEmpty() && data.size() == 1 && data.get(0).raw() == String.class) {
            return data.get(0).name();
        }
        return null;
    }

    /** Checks and converts the arguments; throws {@link InvalidArguments} naming the argument. */
    public Object[] bind(JsonNode arguments, RunContext context) {
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            throw new InvalidArguments("arguments", "must be a JSON object of the skill's parameters, was "
                    + arguments.getNodeType().name().toLowerCase());
        }
        JsonNode given = arguments == null || arguments.isNull() ? BINDER.createObjectNode() : arguments;
        for (Iterator<String> it = given.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (args.stream().noneMatch(a -> key.equals(a.name()))) {
                throw new InvalidArguments("arguments." + key, "is not a parameter of skill '" + id + "'; its parameters are "
                        + args.stream().filter(a -> !a.context()).map(Arg::name).toList());
            }
        }
        Object[] values = new Object[args.size()];
        for (int i = 0; i < args.size(); i++) {
            Arg a = args.get(i);
            if (a.context()) {
                values[i] = context;
                continue;
            }
            JsonNode node = given.get(a.name());
            if (node == null || node.isNull()) {
                if (!a.optional()) {
                    throw new InvalidArguments("arguments." + a.name(), "is required by skill '" + id + "' (schema "
                            + inputSchema.path("properties").path(a.name()) + ")");
                }
                values[i] = absent(a);
                continue;
            }
            String mismatch = mismatch(inputSchema.path("properties").path(a.name()), node, "arguments." + a.name());
            if (mismatch != null) {
                throw new InvalidArguments(mismatch.substring(0, mismatch.indexOf(' ')), mismatch.substring(mismatch.indexOf(' ') + 1));
            }
            try {
                values[i] = BINDER.treeToValue(node, a.type());
            } catch (Exception e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
                throw new InvalidArguments("arguments." + a.name(), "does not match schema "
                        + inputSchema.path("properties").path(a.name()) + ": " + why);
            }
        }
        return values;
    }

    /**
     * Checks a value against the generated schema (type, enum, items, properties, required, additionalProperties)
     * and returns "field reason" for the first mismatch, or null. Jackson alone would turn 5 into "5".
     */
    static String mismatch(JsonNode schema, JsonNode value, String field) {
        String type = schema.path("type").asText(null);
        if (type == null) {
            return null;
        }
        boolean ok = switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            case "null" -> value.isNull();
            default -> true;
        };
        if (!ok) {
            return field + " must be " + (type.equals("array") || type.equals("object") || type.equals("integer") ? "an " : "a ")
                    + type + ", was " + value.getNodeType().name().toLowerCase() + " " + abbreviate(value);
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value);
            }
            if (!found) {
                return field + " must be one of " + schema.get("enum") + ", was " + value;
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                String m = mismatch(schema.get("items"), value.get(i), field + "[" + i + "]");
                if (m != null) {
                    return m;
                }
            }
        }
        if (value.isObject()) {
            JsonNode props = schema.path("properties");
            for (JsonNode required : schema.path("required")) {
                JsonNode v = value.get(required.asText());
                if (v == null || v.isNull()) {
                    return field + "." + required.asText() + " is required";
                }
            }
            for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (props.has(key)) {
                    String m = value.get(key).isNull() ? null : mismatch(props.get(key), value.get(key), field + "." + key);
                    if (m != null) {
                        return m;
                    }
                } else if (schema.path("additionalProperties").isObject()) {
                    String m = mismatch(schema.get("additionalProperties"), value.get(key), field + "." + key);
                    if (m != null) {
                        return m;
                    }
                } else if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
                    return field + "." + key + " is not a known field; known: " + props.properties().stream()
                            .map(java.util.Map.Entry::getKey).toList();
                }
            }
        }
        return null;
    }

    private static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private static Object absent(Arg a) {
        Class<?> raw = a.raw();
        if (raw == Optional.class) {
            return Optional.empty();
        }
        if (!raw.isPrimitive()) {
            return null;
        }
        if (raw == boolean.class) {
            return false;
        }
        if (raw == char.class) {
            return '\0';
        }
        return BINDER.convertValue(0, raw);
    }

    /** Calls the skill and returns its result as JSON (null for void). Throws {@link SkillFailed} for its errors. */
    public JsonNode invoke(Object agent, Object[] boundArguments) throws InterruptedException {
        Object result;
        try {
            result = method.invoke(agent, boundArguments);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException ie) {
                throw ie;
            }
            if (cause instanceof InvalidArguments ia) {
                throw ia;
            }
            throw new SkillFailed(id, cause);
        } catch (IllegalAccessException e) {
            throw new SkillFailed(id, e);
        }
        if (method.getReturnType() == void.class) {
            return NullNode.getInstance();
        }
        if (result instanceof Optional<?> o) {
            result = o.orElse(null);
        }
        return BINDER.valueToTree(result);
    }
}
