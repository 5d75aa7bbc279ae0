package dev.a2acloud.pack.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/** A message or artifact part, version neutral: text, data (any JSON) or a file reference we do not accept. */
record Part(String text, JsonNode data, String mediaType, boolean file) {
    static Part text(String text) {
        return new Part(text, null, "text/plain", false);
    }

    static Part data(JsonNode data) {
        return new Part(null, data, "application/json", false);
    }

    boolean isText() {
        return text != null;
    }

    boolean isData() {
        return data != null;
    }
}
