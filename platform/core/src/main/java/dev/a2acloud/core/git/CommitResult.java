package dev.a2acloud.core.git;

import java.net.URI;

/** The pushed commit (full SHA-1); {@code alreadyCommitted} when a redelivery found the build's earlier commit. */
public record CommitResult(URI repoUrl, String commit, boolean alreadyCommitted) {
}
