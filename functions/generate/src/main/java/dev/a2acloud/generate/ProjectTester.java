package dev.a2acloud.generate;

/** Runs the stages sandbox-validate runs on the project under {@code prefix}, for {@code test_agent_in_sandbox}. */
public interface ProjectTester {
    Outcome test(String prefix, String version);

    /** {@code stage} is the failing stage (null when passed); {@code summary} lists what ran. */
    record Outcome(boolean passed, String stage, String reason, String logTail, String summary) {
    }
}
