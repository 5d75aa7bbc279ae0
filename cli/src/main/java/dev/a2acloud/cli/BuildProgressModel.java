package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the build's event stream into steps with durations. Pure: fed event by event (type, payload, time), it says
 * which step just finished, how long it took, which step runs now, and whether the build ended.
 */
final class BuildProgressModel {
    /** A finished step; {@code outcome} is {@code done}, {@code rejected} or {@code failed}. */
    record Step(String name, long millis, String outcome, String detail) {
    }

    /** What one event changed; {@code finished} is null when the event finished no step (e.g. progress). */
    record Change(Step finished, String running, String progressMessage, boolean ended) {
    }

    private static final Set<String> KNOWN = Set.of("requested", "generated", "rejected", "validated", "packaged",
            "committed", "synced", "live", "failed", "progress");

    private final List<Step> steps = new ArrayList<>();
    private final Set<String> seenIds = new HashSet<>();
    private String running;
    private Instant runningSince;
    private final Instant started;
    private JsonNode terminal;
    private String terminalType;

    BuildProgressModel(Instant started) {
        this.started = started;
    }

    /** Feeds one event; {@code id} makes a replayed event (after a reconnect) a no-op. */
    Change accept(String id, String type, JsonNode payload, Instant at) {
        if (id != null && !seenIds.add(id)) {
            return new Change(null, running, null, terminal != null);
        }
        String shortType = shortType(type);
        if (!KNOWN.contains(shortType) || terminal != null) {
            return new Change(null, running, null, terminal != null);
        }
        if (runningSince == null) {
            runningSince = at;
        }
        if (shortType.equals("progress")) {
            return new Change(null, running, Json.text(payload, "message"), false);
        }
        Step finished = null;
        String next = nextStep(shortType);
        String finishedStep = finishedStep(shortType);
        if (finishedStep != null) {
            long millis = Math.max(0, at.toEpochMilli() - runningSince.toEpochMilli());
            String outcome = switch (shortType) {
                case "rejected" -> "rejected";
                case "failed" -> "failed";
                default -> "done";
            };
            String detail = switch (shortType) {
                case "rejected" -> "stage " + Json.text(payload, "stage") + ", attempt " + payload.path("attempt").asInt(1);
                case "failed" -> Json.text(payload, "reason");
                default -> "";
            };
            finished = new Step(shortType.equals("failed") && running != null ? running : finishedStep, millis, outcome,
                    detail);
            steps.add(finished);
            runningSince = at;
        } else if (shortType.equals("requested") && running != null) {
            next = running; // a continuation of generate: the same step goes on
        }
        running = next;
        if (shortType.equals("live") || shortType.equals("failed")) {
            terminal = payload;
            terminalType = shortType;
            running = null;
        }
        return new Change(finished, running, null, terminal != null);
    }

    boolean ended() {
        return terminal != null;
    }

    boolean live() {
        return "live".equals(terminalType);
    }

    JsonNode terminalPayload() {
        return terminal;
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    String running() {
        return running;
    }

    Instant runningSince() {
        return runningSince;
    }

    Instant started() {
        return started;
    }

    static String shortType(String type) {
        String value = type == null ? "" : type;
        return value.startsWith("dev.a2acloud.build.") ? value.substring("dev.a2acloud.build.".length()) : value;
    }

    /** The step whose output this event is. {@code requested} finishes nothing: it starts the pipeline. */
    private static String finishedStep(String shortType) {
        return switch (shortType) {
            case "generated" -> "generate";
            case "validated", "rejected" -> "sandbox-validate";
            case "packaged" -> "package";
            case "committed" -> "git-commit";
            case "synced" -> "argo-sync";
            case "live" -> "card-probe";
            case "failed" -> "failed";
            default -> null;
        };
    }

    private static String nextStep(String shortType) {
        return switch (shortType) {
            case "requested", "rejected" -> "generate";
            case "generated" -> "sandbox-validate";
            case "validated" -> "package";
            case "packaged" -> "git-commit";
            case "committed" -> "argo-sync";
            case "synced" -> "card-probe";
            default -> null;
        };
    }
}
