package dev.a2acloud.cli;

import picocli.CommandLine.Option;

import java.net.URI;
import java.util.Map;

/**
 * {@code --platform} and {@code --token}, shared by every command that talks to a platform. Without them the CLI
 * talks to the local embedded platform with the token {@code a2a up} wrote to {@code $A2A_HOME/token}.
 */
public final class RemoteOptions {
    @Option(names = "--platform", paramLabel = "URL",
            description = "The platform's URL (default: $A2A_PLATFORM_URL, else http://127.0.0.1:$A2A_PORT or :8080).")
    String platform;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token for the platform (default: $A2A_TOKEN, else the local token in $A2A_HOME/token).")
    String token;

    URI url(Map<String, String> env) {
        String value = firstNonBlank(platform, env.get("A2A_PLATFORM_URL"));
        if (value == null) {
            String port = firstNonBlank(env.get("A2A_PORT"), "8080");
            value = "http://127.0.0.1:" + port;
        }
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw CliException.badInput("--platform must be an http(s) URL such as http://127.0.0.1:8080, not '"
                        + value + "'");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw CliException.badInput("--platform must be an http(s) URL such as http://127.0.0.1:8080, not '"
                    + value + "'");
        }
    }

    /** True when the URL is this machine, where starting an embedded platform and using the local token make sense. */
    static boolean isLocal(URI url) {
        String host = url.getHost();
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1");
    }

    String token(Map<String, String> env, A2aHome home, URI url) {
        String value = firstNonBlank(token, env.get("A2A_TOKEN"));
        if (value != null) {
            return value;
        }
        // The local token never leaves this machine: it is only sent to a platform on loopback.
        return isLocal(url) ? home.readToken().orElse(null) : null;
    }

    /** A client for the platform; with {@code startIfMissing}, an embedded one is started when none answers. */
    PlatformClient client(A2a root, boolean startIfMissing, java.io.PrintWriter progress) {
        Map<String, String> env = root.env();
        URI url = url(env);
        if (startIfMissing && isLocal(url)) {
            PlatformClient probe = new PlatformClient(url, null);
            if (!probe.answers()) {
                root.starter().start(url, progress);
            }
        }
        String bearer = token(env, root.home(), url);
        if (bearer == null && !isLocal(url)) {
            throw CliException.badInput("no token for " + url + ": pass --token or set A2A_TOKEN");
        }
        return new PlatformClient(url, bearer);
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
