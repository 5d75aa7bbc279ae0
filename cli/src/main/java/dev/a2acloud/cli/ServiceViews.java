package dev.a2acloud.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What {@code kn service list} and {@code kn service describe} print, from the control plane's JSON for
 * {@code dev.a2acloud.core.serving.ServiceStatus}. Pure functions of the JSON and the current time.
 */
final class ServiceViews {
    private ServiceViews() {
    }

    static String list(List<JsonNode> services, Instant now) {
        if (services.isEmpty()) {
            return "No services found.\n";
        }
        Table table = new Table("NAME", "URL", "LATEST", "AGE", "CONDITIONS", "READY", "REASON");
        for (JsonNode service : services) {
            List<JsonNode> conditions = Json.items(service.path("conditions"));
            table.row(Json.text(service, "name"), Json.text(service, "url"),
                    Json.text(service, "latestReadyRevision"), Ages.since(Json.instant(service, "created"), now),
                    conditionsValue(conditions), ready(conditions), nonReadyReason(conditions));
        }
        return table.toString();
    }

    static String describe(JsonNode service, Instant now) {
        StringBuilder out = new StringBuilder();
        attribute(out, "", "Name", Json.text(service, "name"));
        attribute(out, "", "Namespace", Json.text(service, "namespace").isEmpty() ? "default"
                : Json.text(service, "namespace"));
        attribute(out, "", "Age", Ages.since(Json.instant(service, "created"), now));
        attribute(out, "", "URL", Json.text(service, "url"));
        if (service.has("egressEnforced") && !service.path("egressEnforced").asBoolean(true)) {
            attribute(out, "", "Egress", "NOT ENFORCED (this host cannot isolate the agent's network)");
        }
        out.append('\n');

        out.append("Revisions:\n");
        String latestCreated = Json.text(service, "latestCreatedRevision");
        String latestReady = Json.text(service, "latestReadyRevision");
        List<JsonNode> revisions = new ArrayList<>(Json.items(service.path("revisions")));
        revisions.sort(Comparator.comparing((JsonNode r) -> Json.text(r, "name")).reversed());
        for (JsonNode revision : revisions) {
            String name = Json.text(revision, "name");
            int percent = revision.path("trafficPercent").asInt(0);
            String readyStatus = revision.has("ready") ? (revision.path("ready").asBoolean() ? "True"
                    : (Json.text(revision, "reason").isEmpty() ? "Unknown" : "False")) : "Unknown";
            String header;
            if (name.equals(latestReady) && percent > 0) {
                header = "@latest (" + name + ")";
            } else if (name.equals(latestReady)) {
                header = name + " (current @latest)";
            } else if (name.equals(latestCreated)) {
                header = name + " (latest created)";
            } else {
                header = name;
            }
            header += " [" + generation(name) + "] (" + Ages.since(Json.instant(revision, "created"), now) + ")";
            out.append("  ").append(bullet(percent, readyStatus)).append("  ").append(header).append('\n');
            if (readyStatus.equals("False")) {
                attribute(out, "        ", "Error", Json.text(revision, "reason"));
            }
            String image = Json.text(revision, "image");
            if (!image.isEmpty()) {
                attribute(out, "        ", "Image", image);
            }
            int instances = revision.path("instances").asInt(0);
            attribute(out, "        ", "Replicas", instances + "/" + instances);
        }
        out.append('\n');

        out.append("Conditions:\n");
        Table table = new Table("OK", "TYPE", "AGE", "REASON");
        for (JsonNode condition : Json.items(service.path("conditions"))) {
            table.row(symbol(Json.text(condition, "status")), Json.text(condition, "type"),
                    Ages.since(Json.instant(condition, "lastTransitionTime"), now), Json.text(condition, "reason"));
        }
        table.toString().lines().forEach(line -> out.append("  ").append(line).append('\n'));
        return out.toString();
    }

    /** kn's "3 OK / 3": how many conditions are True, of how many. */
    static String conditionsValue(List<JsonNode> conditions) {
        long ok = conditions.stream().filter(c -> "True".equals(Json.text(c, "status"))).count();
        return ok + " OK / " + conditions.size();
    }

    static String ready(List<JsonNode> conditions) {
        return conditions.stream().filter(c -> "Ready".equals(Json.text(c, "type")))
                .map(c -> Json.text(c, "status")).findFirst().orElse("<unknown>");
    }

    /** Empty when Ready is True; else "Reason : message" as kn prints it. */
    static String nonReadyReason(List<JsonNode> conditions) {
        for (JsonNode condition : conditions) {
            if ("Ready".equals(Json.text(condition, "type"))) {
                if ("True".equals(Json.text(condition, "status"))) {
                    return "";
                }
                String message = Json.text(condition, "message");
                String reason = Json.text(condition, "reason");
                return message.isEmpty() ? reason : reason + " : " + message;
            }
        }
        return "<unknown>";
    }

    private static String symbol(String status) {
        return switch (status) {
            case "True" -> "++";
            case "False" -> "!!";
            default -> "??";
        };
    }

    /** kn's revision bullet: "100%" for serving traffic, "   +" ready without traffic, "!" failed, "?" unknown. */
    private static String bullet(int percent, String readyStatus) {
        String symbol = switch (readyStatus) {
            case "True" -> percent > 0 ? "%" : "+";
            case "False" -> "!";
            default -> "?";
        };
        return percent == 0 ? "   " + symbol : String.format("%3d%s", percent, symbol);
    }

    /** Knative revision names end in the configuration generation: echo-00002 → 2. */
    private static String generation(String revision) {
        int dash = revision.lastIndexOf('-');
        if (dash >= 0) {
            try {
                return Integer.toString(Integer.parseInt(revision.substring(dash + 1)));
            } catch (NumberFormatException ignored) {
                // not a generated name
            }
        }
        return "?";
    }

    private static void attribute(StringBuilder out, String indent, String label, String value) {
        out.append(indent).append(String.format("%-11s", label + ":")).append(value).append('\n');
    }
}
