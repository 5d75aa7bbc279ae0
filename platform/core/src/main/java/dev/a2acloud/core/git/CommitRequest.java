package dev.a2acloud.core.git;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One build's commit: the whole tree of the repository at this version ({@code files}: slash-separated path →
 * bytes), identified by build id and attempt so a redelivery finds it instead of committing again.
 */
public record CommitRequest(String owner, String agent, String buildId, int attempt, String version,
                            Map<String, byte[]> files) {
    public CommitRequest {
        RepoNames.check(owner, agent);
        if (buildId == null || buildId.isBlank() || buildId.contains("\n")) {
            throw GitException.permanent("build id '" + buildId + "' is missing or not one line");
        }
        if (version == null || version.isBlank() || version.contains("\n")) {
            throw GitException.permanent("version '" + version + "' is missing or not one line");
        }
        if (files == null || files.isEmpty()) {
            throw GitException.permanent("nothing to commit for " + owner + "/" + agent + "; the tree is empty");
        }
        SortedMap<String, byte[]> sorted = new TreeMap<>(files);
        files = java.util.Collections.unmodifiableSortedMap(sorted);
    }
}
