package dev.a2acloud.controlplane.config;

import dev.a2acloud.controlplane.api.JsonErrorReportValve;
import dev.a2acloud.controlplane.auth.BearerAuthFilter;
import dev.a2acloud.controlplane.auth.CallerArgumentResolver;
import dev.a2acloud.controlplane.auth.ServiceToken;
import dev.a2acloud.controlplane.auth.Tokens;
import dev.a2acloud.controlplane.users.UserStore;
import dev.a2acloud.core.grants.SigningKeys;
import jakarta.servlet.MultipartConfigElement;
import java.time.Clock;
import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The control plane's own parts: keys, tokens, the service credential and the bearer filter on {@code /v1/*}. */
@Configuration(proxyBeanMethods = false)
public class ControlPlaneConfiguration {

    @Bean
    SigningKeys signingKeys(ControlPlaneProperties properties, Clock clock) {
        return SigningKeys.inDirectory(properties.keysDir(), clock, properties.longestTokenTtl());
    }

    @Bean
    Tokens tokens(SigningKeys keys, ControlPlaneProperties properties, Clock clock) {
        return new Tokens(keys, properties, clock);
    }

    @Bean
    ServiceToken serviceToken(ControlPlaneProperties properties) {
        return ServiceToken.configuredOrGenerated(properties.serviceToken());
    }

    @Bean
    FilterRegistrationBean<BearerAuthFilter> bearerAuthFilter(ServiceToken serviceToken, Tokens tokens,
                                                              UserStore users, ControlPlaneProperties properties) {
        FilterRegistrationBean<BearerAuthFilter> registration = new FilterRegistrationBean<>(
                new BearerAuthFilter(serviceToken, tokens, users, properties.unauthenticatedRecorder()));
        registration.addUrlPatterns("/v1/*", "/v1");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Tomcat's own refusals (before any servlet) in the API's error shape too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }

    /** Uploads are bounded by our own limit (a little over the tarball limit, for the other form fields). */
    @Bean
    MultipartConfigElement multipartConfig(ControlPlaneProperties properties) {
        long max = properties.limits().maxTarballBytes();
        return new MultipartConfigElement("", max, max + (1 << 20), 1 << 20);
    }

    @Bean
    WebMvcConfigurer callerResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }
}
