package dev.a2acloud.local.serving;

/** The right to send one request to {@code instance}; must be released exactly once. */
record Lease(Revision revision, Instance instance) implements AutoCloseable {
    @Override
    public void close() {
        revision.release(instance);
    }

    /** The instance refused the connection: it is gone; drop it so the next request starts another. */
    void crashed() {
        revision.crashed(instance);
    }
}
