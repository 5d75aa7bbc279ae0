package dev.a2acloud.pack.runtime;

import dev.a2acloud.pack.PackException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * How the agent server runs, from the environment the platform sets: {@code PORT} (default 8080, 0 = any free port),
 * {@code A2A_PUBLIC_URL} (the card's url; default {@code http://127.0.0.1:<port>/}), {@code A2A_PLATFORM_URL},
 * {@code A2A_MAX_REQUEST_BYTES} (default 1 MiB; larger bodies get 413), {@code A2A_SHUTDOWN_GRACE_SECONDS}
 * (default 10), {@code A2A_CARD_BEARER_AUTH} ({@code true} when the platform in front requires a bearer token).
 * {@code env} is also where BYOK model keys are read from.
 */
public record ServerConfig(String host, int port, String publicUrl, String platformUrl, int maxRequestBytes,
                           Duration shutdownGrace, boolean bearerAuth, Map<String, String> env, Clock clock) {
    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw PackException.invalid("PORT", "must be 0..65535, was " + port);
        }
        if (maxRequestBytes < 1024) {
            throw PackException.invalid("A2A_MAX_REQUEST_BYTES", "must be at least 1024, was " + maxRequestBytes);
        }
        env = Map.copyOf(env);
    }

    public static ServerConfig fromEnv(Map<String, String> env) {
        return new ServerConfig(env.getOrDefault("A2A_BIND_HOST", "0.0.0.0"),
                integer(env, "PORT", 8080), blankToNull(env.get("A2A_PUBLIC_URL")),
                blankToNull(env.get("A2A_PLATFORM_URL")), integer(env, "A2A_MAX_REQUEST_BYTES", 1 << 20),
                Duration.ofSeconds(integer(env, "A2A_SHUTDOWN_GRACE_SECONDS", 10)),
                Boolean.parseBoolean(env.getOrDefault("A2A_CARD_BEARER_AUTH", "false")), env, Clock.systemUTC());
    }

    /** Loopback, any free port: for tests and {@code PackTool serve}. */
    public static ServerConfig loopback(Map<String, String> env) {
        ServerConfig c = fromEnv(env);
        return new ServerConfig("127.0.0.1", 0, c.publicUrl(), c.platformUrl(), c.maxRequestBytes(), c.shutdownGrace(),
                c.bearerAuth(), env, c.clock());
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, publicUrl, platformUrl, maxRequestBytes, shutdownGrace, bearerAuth, env, clock);
    }

    public ServerConfig withMaxRequestBytes(int v) {
        return new ServerConfig(host, port, publicUrl, platformUrl, v, shutdownGrace, bearerAuth, env, clock);
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw PackException.invalid(name, "must be a whole number, was '" + v + "'");
        }
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
