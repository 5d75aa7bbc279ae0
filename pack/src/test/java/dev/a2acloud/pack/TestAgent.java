package dev.a2acloud.pack;

import java.util.List;
import java.util.Map;

/** The agent the runtime tests serve: one skill per behaviour under test. */
public class TestAgent implements PackAgent {
    public enum Mood { HAPPY, SAD }

    public record Point(@Param("x coordinate") int x, @Param(value = "y coordinate", optional = true) Integer y) {
    }

    @Skill(id = "echo", description = "Echoes text", tags = {"text"}, examples = {"hi"}, defaultForText = true)
    public String echo(@Param("the text") String text) {
        return text;
    }

    @Skill(id = "add", description = "Adds two numbers", idempotent = true, costClass = "free")
    public int add(int a, int b) {
        return a + b;
    }

    @Skill(id = "shape", description = "Takes structured input")
    public Map<String, Object> shape(Point point, List<String> labels, Mood mood, @Param(optional = true) String note) {
        return Map.of("x", point.x(), "labels", labels, "mood", mood.name(), "note", note == null ? "none" : note);
    }

    @Skill(id = "slow", description = "Sleeps until interrupted or done", timeoutSeconds = 0.5)
    public String slow(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
        return "done";
    }

    @Skill(id = "wait", description = "Sleeps, long timeout (for cancel and concurrency)")
    public String waitFor(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
        return "waited";
    }

    @Skill(id = "boom", description = "Always fails")
    public String boom() {
        throw new IllegalStateException("kaboom");
    }

    @Skill(id = "report", description = "Progress and artifacts")
    public Map<String, Integer> report(RunContext ctx) {
        ctx.progress("step 1");
        ctx.artifact("notes", "some notes");
        ctx.artifact("table", Map.of("rows", 2));
        return Map.of("steps", 1);
    }

    @Skill(id = "whoami", description = "Echoes the caller's bearer token back")
    public String whoami(RunContext ctx) {
        return ctx.callerToken().orElse("anonymous");
    }

    @Skill(id = "ask", description = "Asks the model")
    public String ask(String prompt, RunContext ctx) {
        return ctx.llm().chat(prompt);
    }

    @Skill(id = "files", description = "Writes and reads the workspace, runs the sandbox")
    public Map<String, Object> files(RunContext ctx) {
        ctx.workspace().writeString("agents/t/out.txt", "written");
        String back = ctx.workspace().readString("agents/t/out.txt");
        var listing = ctx.workspace().list("agents/t");
        var run = ctx.sandbox().runShell("echo hi");
        return Map.of("read", back, "listed", listing.size(), "stdout", run.stdout(), "exit", run.exitCode());
    }

    @Override
    public AgentRuntime runtime() {
        return AgentRuntime.defaults().withConcurrency(3).withResources(Resources.defaults().withMaxRuntimeSeconds(30));
    }
}
