package dev.a2acloud.core.llm.gateway;

import java.math.BigDecimal;
import java.math.MathContext;

/** USD per million prompt and completion tokens, as providers publish them. */
public record ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
    public static final ModelPrice FREE = new ModelPrice(BigDecimal.ZERO, BigDecimal.ZERO);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public ModelPrice {
        if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
            throw new IllegalArgumentException("prices must not be negative");
        }
    }

    public BigDecimal cost(long promptTokens, long completionTokens) {
        return inputPerMillion.multiply(BigDecimal.valueOf(promptTokens))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(completionTokens)))
                .divide(MILLION, MathContext.DECIMAL64);
    }
}
