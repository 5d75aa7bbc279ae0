package dev.a2acloud.core.llm.gateway;

import dev.a2acloud.core.llm.offline.OfflineModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models the gateway offers and where each goes. {@code offline} always exists. With no upstream configured every
 * model name goes to the offline model, so a platform with no provider still builds and answers (the replies say they
 * come from the offline model).
 */
public final class ModelCatalog {
    /** Where one model's calls go and what they cost. */
    public record Route(String model, ModelPrice price, Upstream upstream) {
    }

    private final Map<String, ModelPrice> upstreamModels;
    private final Upstream upstream;
    private final Upstream offline;
    private final ModelPrice offlinePrice;

    public ModelCatalog(Map<String, ModelPrice> upstreamModels, Upstream upstream, Upstream offline,
                        ModelPrice offlinePrice) {
        this.upstreamModels = new LinkedHashMap<>(upstreamModels);
        this.upstream = upstream;
        this.offline = offline;
        this.offlinePrice = offlinePrice;
        if (upstream == null && !upstreamModels.isEmpty()) {
            throw new IllegalArgumentException("models " + upstreamModels.keySet() + " need an upstream URL");
        }
    }

    /** Only the offline model, free. */
    public static ModelCatalog offlineOnly(Upstream offline) {
        return new ModelCatalog(Map.of(), null, offline, ModelPrice.FREE);
    }

    public Optional<Route> route(String model) {
        if (OfflineModel.MODEL_ID.equals(model) || upstream == null) {
            return Optional.of(new Route(model, offlinePrice, offline));
        }
        ModelPrice price = upstreamModels.get(model);
        return price == null ? Optional.empty() : Optional.of(new Route(model, price, upstream));
    }

    /** The model used when a request names none: the first upstream model, else the offline model. */
    public String defaultModel(GrantLimits grant) {
        for (String model : models()) {
            if (grant.mayUse(model)) {
                return model;
            }
        }
        return grant.models().isEmpty() ? OfflineModel.MODEL_ID : grant.models().getFirst();
    }

    public List<String> models() {
        List<String> all = new ArrayList<>(upstreamModels.keySet());
        all.add(OfflineModel.MODEL_ID);
        return all;
    }

    public boolean hasUpstream() {
        return upstream != null;
    }
}
