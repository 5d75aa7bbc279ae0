package dev.a2acloud.cli;

import java.io.PrintWriter;
import java.net.URI;

/** Starts an embedded platform for {@code a2a build}/{@code deploy} when none answers at the local address. */
public interface PlatformStarter {
    void start(URI url, PrintWriter progress);
}
