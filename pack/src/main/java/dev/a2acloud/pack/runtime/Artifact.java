package dev.a2acloud.pack.runtime;

import java.util.List;

/** A task output. */
record Artifact(String artifactId, String name, List<Part> parts) {
    Artifact {
        parts = List.copyOf(parts);
    }
}
