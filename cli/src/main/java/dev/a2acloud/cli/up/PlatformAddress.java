package dev.a2acloud.cli.up;

import java.net.URI;
import java.util.function.Supplier;

/**
 * The platform's own base URL ({@code http://127.0.0.1:PORT}). Known only once the web server listens (port 0 in
 * tests), so parts that need it take this supplier instead of a URI.
 */
public final class PlatformAddress implements Supplier<URI> {
    private volatile URI url;

    PlatformAddress(int configuredPort) {
        if (configuredPort > 0) {
            url = URI.create("http://127.0.0.1:" + configuredPort);
        }
    }

    void listening(int port) {
        url = URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public URI get() {
        URI current = url;
        if (current == null) {
            throw new IllegalStateException("the platform's port is not known before its web server started");
        }
        return current;
    }
}
