package dev.a2acloud.pack.model;

import dev.a2acloud.pack.PackException;

/** The caller's skill arguments do not fit the skill's input schema (JSON-RPC -32602, HTTP 400). */
public final class InvalidArguments extends PackException {
    public InvalidArguments(String field, String message) {
        super(field + ": " + message, field, false, null);
    }
}
