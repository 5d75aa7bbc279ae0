package dev.a2acloud.local.serving;

import dev.a2acloud.local.serving.InstanceLauncher.LaunchedInstance;
import java.net.URI;
import java.time.Instant;

/** One running agent process of a revision. Mutable fields are guarded by the owning {@link Revision}'s lock. */
final class Instance {
    final int port;
    final URI base;
    final LaunchedInstance process;
    final Instant started;
    int inFlight;
    Instant lastUsed;
    boolean stopping;

    Instance(int port, LaunchedInstance process, Instant started) {
        this.port = port;
        this.base = URI.create("http://127.0.0.1:" + port);
        this.process = process;
        this.started = started;
        this.lastUsed = started;
    }
}
