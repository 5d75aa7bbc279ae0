package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;

@Command(name = "deploy", description = {
        "Deploy an agent project you wrote: it is uploaded as a tarball, validated in the sandbox, packaged,",
        "committed and served, exactly like a generated one. Ends with its live URL."})
final class DeployCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    RemoteOptions remote;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The project (default: .).")
    Path dir = Path.of(".");

    @Option(names = "--name", paramLabel = "NAME", description = "Agent name (default: `name` in a2a.yaml).")
    String name;

    @Option(names = "--version", paramLabel = "VERSION", description = "Version (default: `version` in a2a.yaml).")
    String version;

    @Option(names = "--public", description = "Make the agent callable without a token.")
    boolean publicAgent;

    @Option(names = "--json", description = "Print one JSON object at the end instead of the live display.")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "900",
            description = "Give up waiting after this long (default: ${DEFAULT-VALUE}); the build itself goes on.")
    int timeoutSeconds;

    @Override
    public Integer call() {
        ProjectDir.check(dir);
        String agent = name != null ? name : ProjectTarball.a2aYamlValue(dir, "name");
        if (agent == null) {
            throw CliException.badInput("a2a.yaml in " + dir + " has no `name:`; add one or pass --name");
        }
        AgentName.check(agent);
        if (timeoutSeconds <= 0) {
            throw CliException.badInput("--timeout must be a positive number of seconds, not " + timeoutSeconds);
        }
        byte[] tarball = ProjectTarball.of(dir);
        A2a root = A2a.of(spec);
        var out = spec.commandLine().getOut();
        PlatformClient platform = remote.client(root, true, json ? spec.commandLine().getErr() : out);
        Multipart form = new Multipart().field("name", agent);
        if (version != null) {
            form.field("version", version);
        }
        form.field("public", Boolean.toString(publicAgent));
        form.file("source", agent + ".tar.gz", "application/gzip", tarball);
        JsonNode accepted = platform.post("/v1/agents/from-tarball", form.contentType(), form.body());
        if (!json) {
            out.println("Uploaded " + dir.toAbsolutePath().normalize() + " (" + tarball.length + " bytes)");
        }
        return BuildRun.follow(root, platform, accepted, agent, json, timeoutSeconds, out);
    }

    /** multipart/form-data (RFC 7578), small enough to build in memory. */
    static final class Multipart {
        private final String boundary = "a2a-" + UUID.randomUUID();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Multipart field(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        Multipart file(String name, String filename, String contentType, byte[] content) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                    + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
            body.writeBytes(content);
            write("\r\n");
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] body() {
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            copy.writeBytes(body.toByteArray());
            copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return copy.toByteArray();
        }

        private void write(String text) {
            body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
