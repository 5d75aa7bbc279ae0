package dev.a2acloud.core.packaging;

/** The control plane already holds this version of the agent with a different source: never overwritten. */
public final class ArtifactConflictException extends PackagingException {
    public ArtifactConflictException(String message) {
        super(message, false, null);
    }
}
