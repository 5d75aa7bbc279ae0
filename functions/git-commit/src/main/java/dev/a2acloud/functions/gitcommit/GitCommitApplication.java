package dev.a2acloud.functions.gitcommit;

import dev.a2acloud.core.git.GitHost;
import dev.a2acloud.core.git.GiteaGitHost;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildPackaged;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The git-commit Knative Service: one step bean, exposed as a CloudEvent subscriber by function-support. The git host
 * is Gitea from {@code A2A_GITEA_*} unless the context provides another {@link GitHost} bean; the other settings are
 * listed in {@link GitCommitWiring} and {@link GitCommitSettings}. A missing one stops startup with its name.
 */
@SpringBootApplication
public class GitCommitApplication {
    static final String[] SETTINGS = {"A2A_CONTROL_PLANE_URL", "A2A_SERVICE_TOKEN", "A2A_GITEA_URL", "A2A_GITEA_USER",
        "A2A_GITEA_TOKEN", "A2A_GITEA_ORG", "A2A_GIT_CACHE_DIR", "A2A_RUNTIME_IMAGE", "A2A_PUBLIC_URL_TEMPLATE",
        "A2A_MAX_SCALE"};

    @Bean
    HttpClient gitCommitHttpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Bean
    @ConditionalOnMissingBean
    GitHost giteaGitHost(Environment env, HttpClient gitCommitHttpClient) {
        Map<String, String> s = settings(env);
        String org = s.get("A2A_GITEA_ORG");
        boolean organisation = org != null && !org.isBlank();
        return new GiteaGitHost(URI.create(required(s, "A2A_GITEA_URL")),
                organisation ? org : required(s, "A2A_GITEA_USER"), organisation, required(s, "A2A_GITEA_USER"),
                required(s, "A2A_GITEA_TOKEN"), gitCommitHttpClient);
    }

    @Bean
    Function<BuildPackaged, BuildEvent> gitCommitStep(Environment env, GitHost host, HttpClient gitCommitHttpClient) {
        return GitCommitWiring.step(settings(env), host, gitCommitHttpClient);
    }

    static Map<String, String> settings(Environment env) {
        Map<String, String> out = new HashMap<>();
        for (String name : SETTINGS) {
            String value = env.getProperty(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    private static String required(Map<String, String> settings, String name) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("git-commit needs " + name + " to be set");
        }
        return value;
    }

    public static void main(String[] args) {
        SpringApplication.run(GitCommitApplication.class, args);
    }
}
