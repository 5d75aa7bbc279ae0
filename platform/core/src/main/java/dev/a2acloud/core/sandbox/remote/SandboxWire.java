package dev.a2acloud.core.sandbox.remote;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.a2acloud.core.sandbox.EgressPolicy;
import dev.a2acloud.core.sandbox.KillReason;
import dev.a2acloud.core.sandbox.SandboxException;
import dev.a2acloud.core.sandbox.SandboxRequest;
import dev.a2acloud.core.sandbox.SandboxResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code POST /v1/run} (sandbox-runner) and {@code POST /v1/sandbox/run} (control plane). The workspace
 * travels as a base64 tar.gz: the caller's files in, the files the run changed out (plus the names it deleted).
 * Control-plane runs name a {@code workspacePrefix} instead, synced through the caller's workspace grant.
 */
public final class SandboxWire {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private SandboxWire() {
    }

    public static ObjectMapper json() {
        return JSON;
    }

    public record Egress(String mode, List<String> hosts) {
    }

    public record RunRequest(String command, List<String> args, String image, Double cpus, Integer memoryMiB,
                             Integer pids, Long timeoutMillis, Map<String, String> env, Egress egress,
                             List<String> readOnlyBinds, Integer outputLimitBytes, String workspace,
                             String workspacePrefix, List<String> argv, Long timeoutSeconds) {
        /** {@code argv} (program first) is accepted instead of {@code command} + {@code args}. */
        public String program() {
            if (command != null && !command.isBlank()) {
                return command;
            }
            return argv == null || argv.isEmpty() ? null : argv.get(0);
        }

        public List<String> arguments() {
            if (command != null && !command.isBlank()) {
                return args == null ? List.of() : args;
            }
            return argv == null || argv.size() < 2 ? List.of() : argv.subList(1, argv.size());
        }

        public RunRequest withWorkspace(String archive, String prefix) {
            return new RunRequest(command, args, image, cpus, memoryMiB, pids, timeoutMillis, env, egress,
                    readOnlyBinds, outputLimitBytes, archive, prefix, argv, timeoutSeconds);
        }
    }

    public record RunResponse(int exitCode, String stdout, String stderr, boolean stdoutTruncated,
                              boolean stderrTruncated, long durationMillis, List<String> changedFiles,
                              List<String> deletedFiles, String killed, String workspace) {
    }

    /** The wire form of a request; {@code workspaceArchive} may be null (no files in). */
    public static RunRequest toWire(SandboxRequest r, String command, List<String> args, byte[] workspaceArchive,
                                    String workspacePrefix) {
        return new RunRequest(command, List.copyOf(args), r.image(), r.cpus(), r.memoryMiB(), r.pids(),
                r.timeout().toMillis(), r.env(), new Egress(r.egress().mode().wire(), r.egress().hosts()),
                r.readOnlyBinds().stream().map(Path::toString).toList(), r.outputLimitBytes(),
                workspaceArchive == null ? null : java.util.Base64.getEncoder().encodeToString(workspaceArchive),
                workspacePrefix, null, null);
    }

    /** A request from the wire, defaults where a field is absent, with {@code workspace} as the /workspace folder. */
    public static SandboxRequest fromWire(RunRequest w, Path workspace) {
        if (w == null || w.program() == null || w.program().isBlank()) {
            throw SandboxException.badRequest("command is missing; send command (+ args) or argv");
        }
        SandboxRequest d = SandboxRequest.defaults();
        EgressPolicy egress = w.egress() == null ? EgressPolicy.none()
                : new EgressPolicy(EgressPolicy.Mode.ofWire(w.egress().mode()), w.egress().hosts());
        List<Path> binds = w.readOnlyBinds() == null ? List.of() : w.readOnlyBinds().stream().map(Path::of).toList();
        return new SandboxRequest(w.image(), w.cpus() == null ? d.cpus() : w.cpus(),
                w.memoryMiB() == null ? d.memoryMiB() : w.memoryMiB(), w.pids() == null ? d.pids() : w.pids(),
                w.timeoutMillis() != null ? Duration.ofMillis(w.timeoutMillis())
                        : w.timeoutSeconds() != null ? Duration.ofSeconds(w.timeoutSeconds()) : d.timeout(), w.env(), egress,
                workspace, binds, w.outputLimitBytes() == null ? d.outputLimitBytes() : w.outputLimitBytes());
    }

    public static RunResponse toWire(SandboxResult r, byte[] changedArchive) {
        return new RunResponse(r.exitCode(), r.stdout(), r.stderr(), r.stdoutTruncated(), r.stderrTruncated(),
                r.duration().toMillis(), r.changedFiles(), r.deletedFiles(), r.killed() == null ? null : r.killed().wire(),
                changedArchive == null ? null : java.util.Base64.getEncoder().encodeToString(changedArchive));
    }

    public static SandboxResult fromWire(RunResponse w) {
        return new SandboxResult(w.exitCode(), nz(w.stdout()), nz(w.stderr()), w.stdoutTruncated(),
                w.stderrTruncated(), Duration.ofMillis(w.durationMillis()), w.changedFiles(), w.deletedFiles(),
                KillReason.ofWire(w.killed()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
