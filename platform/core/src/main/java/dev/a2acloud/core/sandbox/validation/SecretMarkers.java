package dev.a2acloud.core.sandbox.validation;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markers of secrets that must never ship in files served to browsers: bearer tokens, JWTs, provider keys and their
 * variable names, private keys, and internal cluster host names. Pure: text in, first finding out.
 */
final class SecretMarkers {
    record Finding(String marker, int line) {
    }

    private record Marker(String name, Pattern pattern) {
    }

    private static final List<Marker> MARKERS = List.of(
            new Marker("a bearer token", Pattern.compile("Bearer\\s+[A-Za-z0-9._~+/=-]{16,}")),
            new Marker("a JSON Web Token", Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}")),
            new Marker("an OpenAI-style API key", Pattern.compile("\\bsk-(proj-|ant-)?[A-Za-z0-9_-]{20,}")),
            new Marker("an AWS access key id", Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b")),
            new Marker("a GitHub token", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}")),
            new Marker("a Google API key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}")),
            new Marker("a private key", Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----")),
            new Marker("a provider key name", Pattern.compile("\\b(OPENAI_API_KEY|ANTHROPIC_API_KEY|GEMINI_API_KEY"
                    + "|GOOGLE_API_KEY|MISTRAL_API_KEY|GROQ_API_KEY|AZURE_OPENAI_API_KEY|AWS_SECRET_ACCESS_KEY"
                    + "|LITELLM_MASTER_KEY|A2A_SERVICE_TOKEN)\\b")),
            new Marker("an internal cluster host name", Pattern.compile("\\b[a-z0-9-]+(\\.[a-z0-9-]+)*\\.svc(\\.cluster\\.local)?\\b")));

    private SecretMarkers() {
    }

    static Optional<Finding> find(String text) {
        for (Marker marker : MARKERS) {
            Matcher m = marker.pattern().matcher(text);
            if (m.find()) {
                return Optional.of(new Finding(marker.name(), lineOf(text, m.start())));
            }
        }
        return Optional.empty();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
