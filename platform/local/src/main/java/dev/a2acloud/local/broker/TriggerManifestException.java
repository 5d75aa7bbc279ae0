package dev.a2acloud.local.broker;

import dev.a2acloud.events.PlatformException;

/** A Trigger manifest the embedded broker cannot honour; the message names the trigger and field to fix. */
public final class TriggerManifestException extends PlatformException {
    public TriggerManifestException(String message) {
        super(message, false);
    }

    public TriggerManifestException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
