package dev.a2acloud.local.broker;

import dev.a2acloud.events.PlatformException;

/** The broker cannot take events right now (shut down, journal unwritable); senders retry. */
public final class BrokerUnavailableException extends PlatformException {
    public BrokerUnavailableException(String message) {
        super(message, true);
    }

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, true, cause);
    }
}
