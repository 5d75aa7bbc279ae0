package dev.a2acloud.core.grants;

/** The audiences our tokens are issued for; a token for one is refused by every other. */
public enum Audience {
    CONTROL_PLANE("control-plane"), WORKSPACE("workspace"), LLM("llm");

    private final String wire;

    Audience(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
