package dev.a2acloud.cli.up;

import dev.a2acloud.core.llm.gateway.ModelPrice;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayModelsTest {
    @Test
    void noUpstreamMeansOnlyTheOfflineModel() {
        assertFalse(GatewayModels.fromEnvironment(Map.of()).hasUpstream());
    }

    @Test
    void upstreamModelsCarryTheirPrices() {
        Map<String, ModelPrice> models = GatewayModels.parse("gpt-4o-mini:0.15/0.60, local-llama");
        assertEquals(new ModelPrice(new BigDecimal("0.15"), new BigDecimal("0.60")), models.get("gpt-4o-mini"));
        assertEquals(ModelPrice.FREE, models.get("local-llama"));
        assertTrue(GatewayModels.fromEnvironment(Map.of("A2A_LLM_UPSTREAM_URL", "http://127.0.0.1:9/v1",
                "A2A_LLM_UPSTREAM_MODELS", "m1")).hasUpstream());
    }

    @Test
    void badSettingsNameTheVariable() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () ->
                GatewayModels.fromEnvironment(Map.of("A2A_LLM_UPSTREAM_URL", "http://127.0.0.1:9/v1")));
        assertTrue(missing.getMessage().contains("A2A_LLM_UPSTREAM_MODELS"));
        IllegalStateException bad = assertThrows(IllegalStateException.class, () -> GatewayModels.parse("m:cheap"));
        assertTrue(bad.getMessage().contains("name:inputUsd/outputUsd"));
    }
}
