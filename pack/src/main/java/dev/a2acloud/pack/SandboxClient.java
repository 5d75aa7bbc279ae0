package dev.a2acloud.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs commands in a platform sandbox ({@code POST {A2A_PLATFORM_URL}/v1/sandbox/run}, bearer = the caller's
 * workspace grant; body and answer in docs/contracts.md). The working directory is {@code /workspace}.
 */
public final class SandboxClient {
    /** Hints for one run; null fields leave the platform's defaults. cpu like {@code 500m}, memory like {@code 512Mi}. */
    public record Options(String image, String cpu, String memory, Duration timeout) {
        public static Options defaults() {
            return new Options(null, null, null, null);
        }

        public Options withImage(String v) {
            return new Options(v, cpu, memory, timeout);
        }

        public Options withCpu(String v) {
            return new Options(image, v, memory, timeout);
        }

        public Options withMemory(String v) {
            return new Options(image, cpu, v, timeout);
        }

        public Options withTimeout(Duration v) {
            return new Options(image, cpu, memory, v);
        }
    }

    /** How a run ended. {@code killed} is null when the command ended by itself (else e.g. {@code timeout}). */
    public record Result(int exitCode, String stdout, String stderr, String killed) {
        public boolean ok() {
            return exitCode == 0 && killed == null;
        }
    }

    private static final Pattern CPU = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(m?)");
    private static final Pattern MEMORY = Pattern.compile("([0-9]+)(Mi|Gi)");

    private final String platformUrl;
    private final String grant;

    public SandboxClient(String platformUrl, String grant) {
        this.platformUrl = platformUrl;
        this.grant = grant;
    }

    public Result runShell(String script) {
        return runShell(script, Options.defaults());
    }

    public Result runShell(String script, Options options) {
        return exec(List.of("sh", "-c", script), options);
    }

    public Result runPython(String code) {
        return runPython(code, Options.defaults());
    }

    public Result runPython(String code, Options options) {
        return exec(List.of("python3", "-c", code), options);
    }

    public Result exec(List<String> argv) {
        return exec(argv, Options.defaults());
    }

    public Result exec(List<String> argv, Options options) {
        if (argv == null || argv.isEmpty()) {
            throw PackException.invalid("argv", "is empty; pass the program and its arguments");
        }
        ObjectNode body = PlatformHttp.JSON.createObjectNode();
        argv.forEach(body.putArray("argv")::add);
        if (options.image() != null) {
            body.put("image", options.image());
        }
        if (options.cpu() != null) {
            body.put("cpus", cpus(options.cpu()));
        }
        if (options.memory() != null) {
            body.put("memoryMiB", memoryMiB(options.memory()));
        }
        Duration timeout = options.timeout() == null ? Duration.ofSeconds(60) : options.timeout();
        body.put("timeoutSeconds", Math.max(1, timeout.toSeconds()));
        try {
            HttpRequest request = PlatformHttp.request(PlatformHttp.uri(platformUrl, "/v1/sandbox/run"), grant,
                            timeout.plusSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(PlatformHttp.JSON.writeValueAsBytes(body))).build();
            HttpResponse<byte[]> response = PlatformHttp.expectOk(PlatformHttp.send(request, "the sandbox run"),
                    "the sandbox run");
            JsonNode json = PlatformHttp.JSON.readTree(response.body());
            JsonNode exit = json.has("exitCode") ? json.get("exitCode") : json.path("exit_code");
            JsonNode killed = json.get("killed");
            return new Result(exit.asInt(-1), json.path("stdout").asText(""), json.path("stderr").asText(""),
                    killed == null || killed.isNull() ? null : killed.asText());
        } catch (IOException e) {
            throw new PackException("the sandbox answer is not JSON: " + e.getMessage());
        }
    }

    static double cpus(String cpu) {
        Matcher m = CPU.matcher(cpu.trim());
        if (!m.matches()) {
            throw PackException.invalid("cpu", "'" + cpu + "' is not a CPU quantity; use e.g. 500m or 1");
        }
        double value = Double.parseDouble(m.group(1));
        return m.group(2).isEmpty() ? value : value / 1000.0;
    }

    static int memoryMiB(String memory) {
        Matcher m = MEMORY.matcher(memory.trim());
        if (!m.matches()) {
            throw PackException.invalid("memory", "'" + memory + "' is not a memory quantity; use e.g. 512Mi or 1Gi");
        }
        int value = Integer.parseInt(m.group(1));
        return m.group(2).equals("Gi") ? value * 1024 : value;
    }
}
