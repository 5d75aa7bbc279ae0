package dev.a2acloud.core.sandbox.validation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Runs INSIDE the sandbox next to the agent (the sandbox has no network to the host): waits for the card to be
 * served, then makes one JSON-RPC call and checks that it answers with a well-formed JSON-RPC response. JDK only and a
 * single class, because the validator copies this class file into the sandbox. Exit codes: 0 answered, 3 card never
 * served, 4 card not a JSON object, 5 no well-formed JSON-RPC answer, 2 bad arguments.
 */
public final class AgentProbe {
    static final String CALL_ID = "a2a-validate-1";

    private AgentProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: AgentProbe <base url ending in /> <timeout millis>");
            System.exit(2);
        }
        String base = args[0];
        long deadline = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000L;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String card = null;
        String lastProblem = "no answer";
        while (card == null && System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + ".well-known/agent-card.json"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    card = r.body();
                } else {
                    lastProblem = "HTTP " + r.statusCode();
                    Thread.sleep(50);
                }
            } catch (java.io.IOException notYet) {
                lastProblem = notYet.toString();
                Thread.sleep(50);
            }
        }
        if (card == null) {
            System.err.println("the agent did not serve /.well-known/agent-card.json in time (" + lastProblem + ")");
            System.exit(3);
        }
        String trimmed = card.strip();
        if (!trimmed.startsWith("{") || !trimmed.contains("\"name\"")) {
            System.err.println("the served card is not a JSON object with a name: " + abbreviate(trimmed));
            System.exit(4);
        }
        System.out.println("card served (" + trimmed.length() + " bytes)");
        String call = "{\"jsonrpc\":\"2.0\",\"id\":\"" + CALL_ID + "\",\"method\":\"SendMessage\",\"params\":"
                + "{\"message\":{\"role\":\"ROLE_USER\",\"messageId\":\"" + CALL_ID + "\","
                + "\"parts\":[{\"text\":\"ping\"}]}}}";
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(call)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            System.err.println("the JSON-RPC call to " + base + " failed: " + e);
            System.exit(5);
            return;
        }
        String body = answer.body().strip();
        boolean wellFormed = body.startsWith("{") && body.contains("\"jsonrpc\"") && body.contains("\"2.0\"")
                && body.contains(CALL_ID) && (body.contains("\"result\"") || body.contains("\"error\""));
        if (!wellFormed) {
            System.err.println("the JSON-RPC call (SendMessage) got no well-formed JSON-RPC answer: HTTP "
                    + answer.statusCode() + " " + abbreviate(body));
            System.exit(5);
        }
        System.out.println("JSON-RPC SendMessage answered: " + abbreviate(body));
    }

    private static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }
}
