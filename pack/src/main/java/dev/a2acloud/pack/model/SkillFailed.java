package dev.a2acloud.pack.model;

import dev.a2acloud.pack.PackException;

/** The skill's own code threw; the cause is the agent's exception. */
public final class SkillFailed extends PackException {
    public SkillFailed(String skill, Throwable cause) {
        super("skill '" + skill + "' failed: " + describe(cause), null, false, cause);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
