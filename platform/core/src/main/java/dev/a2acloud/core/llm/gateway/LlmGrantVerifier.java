package dev.a2acloud.core.llm.gateway;

/** Turns the bearer token of a gateway call into the grant's limits, or refuses it with {@link GatewayError}. */
public interface LlmGrantVerifier {
    GrantLimits verify(String bearerToken);
}
