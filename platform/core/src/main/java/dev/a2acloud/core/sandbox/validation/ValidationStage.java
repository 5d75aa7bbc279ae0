package dev.a2acloud.core.sandbox.validation;

/** The stages of validation, in order; {@link #wire()} is the name carried by build.rejected and stage timings. */
public enum ValidationStage {
    FETCH("fetch"), COMPILE("compile"), CARD("card"), CHECK("check"), TEST("test"), RUN("run"), FRONTEND("frontend");

    private final String wire;

    ValidationStage(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
