package dev.a2acloud.pack;

import java.util.Optional;

/**
 * Handed to a skill (declare a parameter of this type): the caller's model credentials, the platform's sandbox and
 * workspace (over HTTP, within the caller's grant), progress messages and artifacts of the running task.
 */
public interface RunContext {
    String skillId();

    /** The A2A task id, or a fresh id for a direct {@code /invoke} call. */
    String taskId();

    String contextId();

    /** A chat client built from the credentials the declared LLM mode allows; throws naming what is missing. */
    LlmClient llm();

    /** Runs commands in a platform sandbox under the caller's workspace grant. */
    SandboxClient sandbox();

    /** Reads and writes files inside the caller's workspace grant. */
    WorkspaceClient workspace();

    /**
     * The bearer token the caller sent ({@code Authorization: Bearer …}), for a skill that acts at the platform as
     * its caller (the agent-builder starts builds with it); empty when the call carried none.
     */
    Optional<String> callerToken();

    /** A progress message: a {@code working} status update on the task (and an event of an invoke call). */
    void progress(String message);

    /** Adds an artifact to the task: a String becomes a text part, anything else a data part. */
    void artifact(String name, Object content);

    /** True once the task was canceled or timed out; long loops should stop when it is. */
    boolean cancelled();
}
