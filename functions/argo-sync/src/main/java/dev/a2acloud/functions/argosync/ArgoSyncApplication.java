package dev.a2acloud.functions.argosync;

import dev.a2acloud.core.gitops.ArgoApplicationManifest;
import dev.a2acloud.core.gitops.ArgoCdSync;
import dev.a2acloud.core.gitops.GitOpsSync;
import dev.a2acloud.events.BuildCommitted;
import dev.a2acloud.events.BuildEvent;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The argo-sync Knative Service: one step bean, exposed as a CloudEvent subscriber by function-support. GitOps is Argo
 * CD through the in-cluster Kubernetes API unless the context provides another {@link GitOpsSync} (the embedded
 * platform provides its reconciler). Settings: {@code A2A_ARGO_NAMESPACE} (argocd), {@code A2A_ARGO_PROJECT}
 * (default), {@code A2A_AGENTS_NAMESPACE} (a2a-cloud), {@code A2A_SYNC_TIMEOUT_SECONDS} (300).
 */
@SpringBootApplication
public class ArgoSyncApplication {

    @Bean
    @ConditionalOnMissingBean
    GitOpsSync argoCdSync(Environment env) {
        var settings = new ArgoApplicationManifest.Settings(env.getProperty("A2A_ARGO_NAMESPACE", "argocd"),
                env.getProperty("A2A_ARGO_PROJECT", "default"), "https://kubernetes.default.svc",
                env.getProperty("A2A_AGENTS_NAMESPACE", "a2a-cloud"));
        long timeout = seconds(env, "A2A_SYNC_TIMEOUT_SECONDS", 300);
        return new ArgoCdSync(new KubernetesClientBuilder().build(), settings, Duration.ofSeconds(timeout),
                Duration.ofSeconds(2), Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    @Bean
    Function<BuildCommitted, BuildEvent> argoSyncStep(GitOpsSync gitOps) {
        return new ArgoSync(gitOps);
    }

    static long seconds(Environment env, String name, long fallback) {
        String value = env.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed > 0 && parsed <= 3600) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(name + " must be a number of seconds between 1 and 3600, was '" + value + "'");
    }

    public static void main(String[] args) {
        SpringApplication.run(ArgoSyncApplication.class, args);
    }
}
