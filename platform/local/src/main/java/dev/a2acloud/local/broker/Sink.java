package dev.a2acloud.local.broker;

import io.fabric8.knative.duck.v1.Destination;
import java.net.URI;

/**
 * A Knative {@code Destination}: a Service by name ({@code ref}) with an optional path ({@code uri} relative to
 * the Service's address), or an absolute URI.
 */
public record Sink(String service, String path, URI uri) {
    static Sink from(Destination destination, String where) {
        if (destination == null) {
            throw new TriggerManifestException(where + ": is missing");
        }
        String uri = destination.getUri();
        if (destination.getRef() != null) {
            String name = destination.getRef().getName();
            if (name == null || name.isBlank()) {
                throw new TriggerManifestException(where + ".ref.name: is missing");
            }
            return new Sink(name, uri == null || uri.isBlank() ? "" : uri, null);
        }
        if (uri == null || uri.isBlank()) {
            throw new TriggerManifestException(where + ": needs a ref (a Service) or an absolute uri");
        }
        URI absolute = URI.create(uri);
        if (!absolute.isAbsolute()) {
            throw new TriggerManifestException(where + ".uri: '" + uri + "' must be absolute when no ref is given");
        }
        return new Sink(null, "", absolute);
    }

    /** Where a delivery went, for {@code knativeerrordest} and listings. */
    public String describe() {
        return uri != null ? uri.toString() : "service:" + service + path;
    }
}
