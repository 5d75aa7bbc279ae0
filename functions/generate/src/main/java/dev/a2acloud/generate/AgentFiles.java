package dev.a2acloud.generate;

import java.util.List;
import java.util.Optional;

/**
 * The workspace as the builder sees it: files by bucket-relative path (e.g. {@code agents/echo/a2a.yaml}), reached
 * through the build's workspace grant. The grant server checks every path again; this is what generate needs of it.
 */
public interface AgentFiles {
    Optional<byte[]> read(String path);

    void write(String path, byte[] data);

    /** Every file under {@code prefix} (full bucket-relative paths). */
    List<String> list(String prefix);

    void delete(String path);
}
