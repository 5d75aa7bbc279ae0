package dev.a2acloud.cli.up;

import dev.a2acloud.core.llm.gateway.HttpUpstream;
import dev.a2acloud.core.llm.gateway.ModelCatalog;
import dev.a2acloud.core.llm.gateway.ModelPrice;
import dev.a2acloud.core.llm.gateway.OfflineUpstream;
import dev.a2acloud.core.llm.offline.OfflineModel;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The models behind the embedded gateway. With no upstream configured only the offline model answers, so the
 * platform works with nothing set up. {@code A2A_LLM_UPSTREAM_URL} (any OpenAI-compatible base URL, e.g.
 * {@code https://api.openai.com/v1}), {@code A2A_LLM_UPSTREAM_KEY} and {@code A2A_LLM_UPSTREAM_MODELS}
 * ({@code name[:inputUsd/outputUsd per million tokens]}, comma separated) add real models; grants' budgets are
 * charged at those prices.
 */
final class GatewayModels {
    private GatewayModels() {
    }

    static ModelCatalog fromEnvironment(Map<String, String> env) {
        OfflineUpstream offline = new OfflineUpstream(new OfflineModel());
        String url = env.getOrDefault("A2A_LLM_UPSTREAM_URL", "").strip();
        if (url.isEmpty()) {
            return ModelCatalog.offlineOnly(offline);
        }
        String models = env.getOrDefault("A2A_LLM_UPSTREAM_MODELS", "").strip();
        if (models.isEmpty()) {
            throw new IllegalStateException("A2A_LLM_UPSTREAM_URL is set, so A2A_LLM_UPSTREAM_MODELS must name the "
                    + "models it serves, e.g. gpt-4o-mini:0.15/0.60");
        }
        return new ModelCatalog(parse(models), new HttpUpstream(url, env.getOrDefault("A2A_LLM_UPSTREAM_KEY", ""),
                Duration.ofSeconds(120)), offline, ModelPrice.FREE);
    }

    static Map<String, ModelPrice> parse(String spec) {
        Map<String, ModelPrice> models = new LinkedHashMap<>();
        for (String item : spec.split(",")) {
            String entry = item.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon < 0) {
                models.put(entry, ModelPrice.FREE);
                continue;
            }
            String[] prices = entry.substring(colon + 1).split("/");
            try {
                if (prices.length != 2) {
                    throw new NumberFormatException();
                }
                models.put(entry.substring(0, colon).strip(),
                        new ModelPrice(new BigDecimal(prices[0].strip()), new BigDecimal(prices[1].strip())));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("A2A_LLM_UPSTREAM_MODELS: '" + entry + "' must be name or "
                        + "name:inputUsd/outputUsd (per million tokens), e.g. gpt-4o-mini:0.15/0.60");
            }
        }
        return models;
    }
}
