package tests;

import dev.a2acloud.pack.AgentTest;
import dev.a2acloud.pack.AgentTestClient;
import java.util.Map;

/** Project tests: run with `PackTool test <dir>`; a test fails by throwing. */
public class AgentTests {

    @AgentTest
    public void echoReturnsTheText(AgentTestClient agent) {
        String answer = agent.text("hello").asText();
        if (!answer.equals("hello")) {
            throw new AssertionError("echo answered '" + answer + "', expected 'hello'");
        }
    }

    @AgentTest
    public void statsCountsWords(AgentTestClient agent) {
        int words = agent.invoke("stats", Map.of("text", "one two three")).path("words").asInt();
        if (words != 3) {
            throw new AssertionError("stats counted " + words + " words, expected 3");
        }
    }
}
