package dev.a2acloud.pack;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Wire spelling of the declaration enums: lower snake case, e.g. {@code platform_or_caller_provided}. */
final class Wire {
    private Wire() {
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            throw PackException.invalid(field, "is empty; use one of " + allowed(type));
        }
        String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(normalized)) {
                return constant;
            }
        }
        throw PackException.invalid(field, "'" + value + "' is not valid; use one of " + allowed(type));
    }

    private static <E extends Enum<E>> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
