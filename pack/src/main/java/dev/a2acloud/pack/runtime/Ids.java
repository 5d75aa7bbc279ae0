package dev.a2acloud.pack.runtime;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers. Task ids come from {@link UUID#randomUUID()} (SecureRandom): knowing one lets a caller read or cancel
 * the task, so they must not be guessable. Message, artifact and context ids only need to be unique, and a
 * thread-local generator avoids the shared SecureRandom's lock on the hot path.
 */
final class Ids {
    private Ids() {
    }

    static String task() {
        return UUID.randomUUID().toString();
    }

    static String unique() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }
}
