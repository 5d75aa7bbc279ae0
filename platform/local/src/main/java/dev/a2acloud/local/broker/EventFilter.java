package dev.a2acloud.local.broker;

import io.cloudevents.CloudEvent;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * A Trigger filter with Knative's semantics: the {@code filters} dialects (exact, prefix, suffix, all, any, not —
 * the list itself is an implicit all) and the legacy {@code filter.attributes} (exact; an empty value means any).
 * Attribute names are CloudEvent context attributes or extensions; a missing attribute never matches.
 */
sealed interface EventFilter {
    boolean matches(CloudEvent event);

    /** What this filter says, for listings. */
    String describe();

    EventFilter ALL_EVENTS = new All(List.of());

    record Compare(String dialect, Map<String, String> expected, BiPredicate<String, String> test) implements EventFilter {
        @Override
        public boolean matches(CloudEvent event) {
            for (Map.Entry<String, String> e : expected.entrySet()) {
                String actual = attribute(event, e.getKey());
                if (actual == null || !test.test(actual, e.getValue())) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String describe() {
            return dialect + expected;
        }
    }

    record All(List<EventFilter> filters) implements EventFilter {
        @Override
        public boolean matches(CloudEvent event) {
            for (EventFilter f : filters) {
                if (!f.matches(event)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String describe() {
            return filters.isEmpty() ? "all events" : "all" + filters.stream().map(EventFilter::describe).toList();
        }
    }

    record Any(List<EventFilter> filters) implements EventFilter {
        @Override
        public boolean matches(CloudEvent event) {
            for (EventFilter f : filters) {
                if (f.matches(event)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String describe() {
            return "any" + filters.stream().map(EventFilter::describe).toList();
        }
    }

    record Not(EventFilter filter) implements EventFilter {
        @Override
        public boolean matches(CloudEvent event) {
            return !filter.matches(event);
        }

        @Override
        public String describe() {
            return "not(" + filter.describe() + ")";
        }
    }

    static EventFilter exact(Map<String, String> attributes) {
        return new Compare("exact", Map.copyOf(attributes), String::equals);
    }

    static EventFilter prefix(Map<String, String> attributes) {
        return new Compare("prefix", Map.copyOf(attributes), String::startsWith);
    }

    static EventFilter suffix(Map<String, String> attributes) {
        return new Compare("suffix", Map.copyOf(attributes), String::endsWith);
    }

    /** Legacy {@code filter.attributes}: exact match, except that an empty value accepts any value. */
    static EventFilter legacy(Map<String, String> attributes) {
        return new Compare("attributes", Map.copyOf(attributes), (actual, want) -> want.isEmpty() || want.equals(actual));
    }

    /** The {@code filters} list of a Trigger (implicitly all of them). */
    static EventFilter fromList(List<SubscriptionsAPIFilter> filters, String where) {
        List<EventFilter> parsed = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            parsed.add(from(filters.get(i), where + "[" + i + "]"));
        }
        return parsed.size() == 1 ? parsed.getFirst() : new All(parsed);
    }

    /** One dialect per filter, as Knative's validation demands. */
    static EventFilter from(SubscriptionsAPIFilter f, String where) {
        List<EventFilter> dialects = new ArrayList<>();
        if (f.getExact() != null && !f.getExact().isEmpty()) {
            dialects.add(exact(f.getExact()));
        }
        if (f.getPrefix() != null && !f.getPrefix().isEmpty()) {
            dialects.add(prefix(f.getPrefix()));
        }
        if (f.getSuffix() != null && !f.getSuffix().isEmpty()) {
            dialects.add(suffix(f.getSuffix()));
        }
        if (f.getAll() != null && !f.getAll().isEmpty()) {
            dialects.add(new All(listOf(f.getAll(), where + ".all")));
        }
        if (f.getAny() != null && !f.getAny().isEmpty()) {
            dialects.add(new Any(listOf(f.getAny(), where + ".any")));
        }
        if (f.getNot() != null) {
            dialects.add(new Not(from(f.getNot(), where + ".not")));
        }
        if (f.getCesql() != null && !f.getCesql().isBlank()) {
            throw new TriggerManifestException(where + ".cesql: CESQL filters are not supported by the embedded "
                    + "broker; use exact, prefix, suffix, all, any or not");
        }
        if (dialects.size() != 1) {
            throw new TriggerManifestException(where + ": a filter must use exactly one dialect (exact, prefix, "
                    + "suffix, all, any, not), found " + dialects.size());
        }
        return dialects.getFirst();
    }

    private static List<EventFilter> listOf(List<SubscriptionsAPIFilter> filters, String where) {
        List<EventFilter> out = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            out.add(from(filters.get(i), where + "[" + i + "]"));
        }
        return out;
    }

    /** A context attribute or extension as a string, or null when the event does not have it. */
    static String attribute(CloudEvent event, String name) {
        Object value = switch (name) {
            case "specversion" -> event.getSpecVersion().toString();
            case "id" -> event.getId();
            case "source" -> event.getSource();
            case "type" -> event.getType();
            case "subject" -> event.getSubject();
            case "time" -> event.getTime();
            case "dataschema" -> event.getDataSchema();
            case "datacontenttype" -> event.getDataContentType();
            default -> event.getExtension(name);
        };
        return value == null ? null : value.toString();
    }
}
