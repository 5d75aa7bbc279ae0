package dev.a2acloud.controlplane.config;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting of the control plane, prefix {@code a2a.control-plane}. Invalid values stop startup with a message
 * naming the property.
 *
 * @param home            state directory: database, keys, workspaces, artifacts (default {@code $A2A_HOME}, else
 *                        {@code ~/.a2a})
 * @param serviceToken    the pipeline steps' credential; blank = generate one at start (embedded)
 * @param publicUrl       base URL others reach us at (artifact URIs, links); blank = taken from each request
 * @param brokerUrl       Knative broker ingress to publish to when the assembly provides no EventPublisher
 * @param unauthenticatedRecorder accept {@code /v1/events} and {@code /v1/dead-letters} without a token (only
 *                        where a NetworkPolicy admits nothing but the broker)
 */
@ConfigurationProperties("a2a.control-plane")
public record ControlPlaneProperties(
        Path home,
        String serviceToken,
        URI publicUrl,
        URI brokerUrl,
        @DefaultValue("a2a-cloud") String issuer,
        @DefaultValue("12h") Duration userTokenTtl,
        @DefaultValue("30m") Duration grantTtl,
        @DefaultValue("30d") Duration keyRotation,
        Path keysDir,
        @DefaultValue("false") boolean unauthenticatedRecorder,
        @DefaultValue Workspace workspace,
        @DefaultValue Llm llm,
        @DefaultValue Limits limits,
        @DefaultValue Database database,
        @DefaultValue("1h") Duration sseTimeout) {

    public ControlPlaneProperties {
        if (home == null) {
            String env = System.getenv("A2A_HOME");
            home = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".a2a");
        }
        require(issuer != null && !issuer.isBlank(), "a2a.control-plane.issuer", "must not be blank");
        require(positive(userTokenTtl), "a2a.control-plane.user-token-ttl", "must be a positive duration, e.g. 12h");
        require(positive(grantTtl) && grantTtl.compareTo(Duration.ofHours(24)) <= 0, "a2a.control-plane.grant-ttl",
                "must be a positive duration of at most 24h; grants are short-lived");
        require(positive(keyRotation), "a2a.control-plane.key-rotation", "must be a positive duration, e.g. 30d");
        require(positive(sseTimeout), "a2a.control-plane.sse-timeout", "must be a positive duration");
        if (keysDir == null) {
            keysDir = home.resolve("keys");
        }
        if (serviceToken != null && !serviceToken.isBlank() && serviceToken.length() < 24) {
            throw new IllegalArgumentException("a2a.control-plane.service-token must be at least 24 characters "
                    + "(or blank to generate one)");
        }
    }

    /** The longest lifetime any of our tokens has: retired keys keep verifying for this long. */
    public Duration longestTokenTtl() {
        return userTokenTtl.compareTo(grantTtl) > 0 ? userTokenTtl : grantTtl;
    }

    /**
     * Where workspaces live.
     *
     * @param store {@code directory} (under home) or {@code s3}
     */
    public record Workspace(@DefaultValue("directory") String store, Path directory, URI s3Endpoint,
                            @DefaultValue("us-east-1") String s3Region, String s3AccessKey, String s3SecretKey,
                            @DefaultValue("true") boolean s3PathStyle,
                            @DefaultValue("a2a-artifacts") String artifactBucket) {
        public Workspace {
            require(store.equals("directory") || store.equals("s3"), "a2a.control-plane.workspace.store",
                    "must be 'directory' or 's3', was '" + store + "'");
            if (store.equals("s3")) {
                require(s3Endpoint != null, "a2a.control-plane.workspace.s3-endpoint",
                        "must be set when the store is s3, e.g. http://minio:9000");
                require(s3AccessKey != null && s3SecretKey != null, "a2a.control-plane.workspace.s3-access-key",
                        "and s3-secret-key must be set when the store is s3");
            }
        }
    }

    /** What an LLM grant handed to a build allows, and where the gateway is. */
    public record Llm(URI baseUrl, @DefaultValue List<String> models, @DefaultValue("5") BigDecimal maxBudgetUsd,
                      @DefaultValue("60") int requestsPerMinute, @DefaultValue("200000") int tokensPerMinute) {
        public Llm {
            models = models == null ? List.of() : List.copyOf(models);
            require(maxBudgetUsd.signum() >= 0, "a2a.control-plane.llm.max-budget-usd", "must not be negative");
            require(requestsPerMinute > 0, "a2a.control-plane.llm.requests-per-minute", "must be positive");
            require(tokensPerMinute > 0, "a2a.control-plane.llm.tokens-per-minute", "must be positive");
        }
    }

    /**
     * The database: an H2 file under home unless {@code url} names another (e.g.
     * {@code jdbc:postgresql://db:5432/a2a}).
     */
    public record Database(String url, @DefaultValue("sa") String username, @DefaultValue("") String password,
                           @DefaultValue("10") int maxPoolSize) {
        public Database {
            require(url == null || url.isBlank() || url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:"),
                    "a2a.control-plane.database.url", "must be a jdbc:h2: or jdbc:postgresql: URL, was '" + url + "'");
            require(maxPoolSize > 0, "a2a.control-plane.database.max-pool-size", "must be positive");
        }

        /** The configured URL, or the embedded H2 file under {@code home}. */
        public String urlOr(Path home) {
            return url == null || url.isBlank()
                    ? "jdbc:h2:file:" + home.toAbsolutePath().resolve("db").resolve("control-plane")
                    : url;
        }
    }

    /** Upload bounds. */
    public record Limits(@DefaultValue("16777216") long maxFileBytes,
                         @DefaultValue("33554432") long maxTarballBytes,
                         @DefaultValue("134217728") long maxUnpackedBytes,
                         @DefaultValue("10000") int maxEntries,
                         @DefaultValue("32") int maxDepth,
                         @DefaultValue("268435456") long maxArtifactBytes) {
        public Limits {
            require(maxFileBytes > 0, "a2a.control-plane.limits.max-file-bytes", "must be positive");
            require(maxTarballBytes > 0, "a2a.control-plane.limits.max-tarball-bytes", "must be positive");
            require(maxUnpackedBytes > 0, "a2a.control-plane.limits.max-unpacked-bytes", "must be positive");
            require(maxEntries > 0, "a2a.control-plane.limits.max-entries", "must be positive");
            require(maxDepth > 0, "a2a.control-plane.limits.max-depth", "must be positive");
            require(maxArtifactBytes > 0, "a2a.control-plane.limits.max-artifact-bytes", "must be positive");
        }
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String property, String message) {
        if (!ok) {
            throw new IllegalArgumentException(property + " " + message);
        }
    }
}
