package dev.a2acloud.cli.up;

import dev.a2acloud.controlplane.agents.AgentUndeployer;
import dev.a2acloud.core.grants.GrantVerifier;
import dev.a2acloud.core.grants.SigningKeys;
import dev.a2acloud.core.llm.gateway.GrantLedger;
import dev.a2acloud.core.llm.gateway.LlmGatewayServlet;
import dev.a2acloud.core.llm.gateway.PlatformLlmGrantVerifier;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.BuildGenerated;
import dev.a2acloud.events.BuildPackaged;
import dev.a2acloud.events.BuildValidated;
import dev.a2acloud.functions.gitcommit.GitCommitWiring;
import dev.a2acloud.functions.packaging.PackageWiring;
import dev.a2acloud.generate.GenerateWiring;
import dev.a2acloud.sandboxvalidate.SandboxValidateWiring;
import java.util.HashMap;
import java.util.Map;
import dev.a2acloud.controlplane.auth.ServiceToken;
import dev.a2acloud.controlplane.auth.Tokens;
import dev.a2acloud.controlplane.config.ControlPlaneProperties;
import dev.a2acloud.controlplane.recorder.DeadLetters;
import dev.a2acloud.controlplane.recorder.Recorder;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.events.InvalidEventException;
import dev.a2acloud.functions.argosync.ArgoSync;
import dev.a2acloud.functions.cardprobe.AgentHttp;
import dev.a2acloud.functions.cardprobe.CardProbe;
import dev.a2acloud.functions.cardprobe.ProbeSettings;
import dev.a2acloud.local.broker.SubscriberResponse;
import dev.a2acloud.local.git.BareRepositories;
import dev.a2acloud.local.git.EmbeddedGitHost;
import dev.a2acloud.local.git.GitServer;
import dev.a2acloud.local.gitops.GitOpsReconciler;
import dev.a2acloud.local.serving.Activator;
import dev.a2acloud.local.serving.AgentCommand;
import dev.a2acloud.local.serving.ArtifactStore;
import dev.a2acloud.local.serving.HostProcessLauncher;
import dev.a2acloud.local.serving.LocalServing;
import dev.a2acloud.local.serving.ServingConfig;
import dev.a2acloud.pack.PackClasspath;
import dev.a2acloud.pack.PackLaunch;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The embedded platform's parts, added to the control plane's Spring context by {@code a2a up}: the non-Spring
 * servlets on the one port (docs/contracts.md "HTTP on the one port"), local serving, the git server and the GitOps
 * reconciler, and the beans the control plane asks its assembly for ({@code AgentUndeployer},
 * {@code ServiceStatusSource} — local serving is one).
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedPlatformConfiguration {

    @Bean
    PlatformAddress platformAddress(Environment environment) {
        return new PlatformAddress(environment.getProperty("server.port", Integer.class, 8080));
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> platformAddressListener(PlatformAddress address) {
        return event -> address.listening(event.getWebServer().getPort());
    }

    // ---- serving: the embedded Knative Serving and its activator at /agents/* ----

    @Bean(destroyMethod = "close")
    LocalServing localServing(ControlPlaneProperties properties, PlatformAddress address, ServiceToken serviceToken,
                              Clock clock) {
        Path home = properties.home();
        ServingConfig config = ServingConfig.defaults(home, address, null);
        ArtifactStore artifacts = new ArtifactStore(home.resolve("serving").resolve("artifacts"),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                () -> Optional.of(serviceToken.value()));
        LocalServing serving = new LocalServing(config, new HostProcessLauncher(), packRuntime(), artifacts, clock);
        // After a restart every deployed agent answers again at its URL, scaled to zero until called.
        serving.restore();
        return serving;
    }

    /** Agents run as the pack runtime ({@code AgentMain}) over the verified jar, with the pack's small classpath. */
    static AgentCommand packRuntime() {
        return new AgentCommand() {
            @Override
            public List<String> command(Path artifactJar) {
                return PackLaunch.command(artifactJar);
            }

            @Override
            public List<Path> readOnlyPaths() {
                List<Path> paths = new ArrayList<>(PackClasspath.entries());
                paths.add(Path.of(System.getProperty("java.home")));
                return paths;
            }
        };
    }

    @Bean
    ServletRegistrationBean<Activator> activatorServlet(LocalServing serving) {
        ServletRegistrationBean<Activator> registration = new ServletRegistrationBean<>(new Activator(serving), "/agents/*");
        registration.setName("activator");
        registration.setAsyncSupported(true);
        return registration;
    }

    @Bean
    AgentUndeployer agentUndeployer(LocalServing serving) {
        return (owner, agent) -> serving.delete(agent);
    }

    // ---- git: bare repositories over JGit smart HTTP at /git/* ----

    @Bean
    BareRepositories bareRepositories(ControlPlaneProperties properties) {
        return new BareRepositories(properties.home().resolve("git"));
    }

    @Bean
    ServletRegistrationBean<GitServer> gitServlet(BareRepositories repositories, ServiceToken serviceToken, Tokens tokens) {
        ServletRegistrationBean<GitServer> registration = new ServletRegistrationBean<>(
                new GitServer(repositories, new GitAccess(serviceToken, tokens)), GitServer.PATH_PREFIX + "/*");
        registration.setName("git");
        return registration;
    }

    @Bean
    EmbeddedGitHost embeddedGitHost(BareRepositories repositories, PlatformAddress address, ServiceToken serviceToken) {
        return new EmbeddedGitHost(repositories, address.get(), serviceToken::value);
    }

    // ---- the broker, its in-process subscribers and the EventPublisher the control plane publishes with ----

    @Bean
    Narrator narrator(Clock clock, EventCodec codec) {
        return new Narrator(System.out, clock, codec);
    }

    @Bean
    DeferredServlet brokerIngress() {
        return new DeferredServlet("broker");
    }

    @Bean
    DeferredServlet brokerStatus() {
        return new DeferredServlet("broker");
    }

    @Bean
    ServletRegistrationBean<DeferredServlet> brokerIngressServlet(DeferredServlet brokerIngress) {
        ServletRegistrationBean<DeferredServlet> registration = new ServletRegistrationBean<>(brokerIngress,
                "/a2a-cloud/default", "/a2a-cloud/default/");
        registration.setName("broker-ingress");
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean
    ServletRegistrationBean<DeferredServlet> brokerStatusServlet(DeferredServlet brokerStatus) {
        ServletRegistrationBean<DeferredServlet> registration = new ServletRegistrationBean<>(brokerStatus,
                "/broker/status");
        registration.setName("broker-status");
        registration.setLoadOnStartup(1);
        return registration;
    }

    /** Also the {@code EventPublisher} the control plane uses (it replaces the HTTP one of ControlPlaneDefaults). */
    @Bean
    PlatformBroker platformBroker(ControlPlaneProperties properties, List<InProcessSubscriber> subscribers,
                                  PlatformAddress address, EventCodec codec, Clock clock,
                                  DeferredServlet brokerIngress, DeferredServlet brokerStatus) {
        return new PlatformBroker(properties.home().resolve("broker"), subscribers, address, codec, clock,
                brokerIngress, brokerStatus);
    }

    /** The control-plane Trigger ({@code /v1/events}) and the dead-letter sink, called in-process. */
    @Bean
    InProcessSubscriber recorderSubscriber(Recorder recorder, EventCodec codec) {
        return new InProcessSubscriber("control-plane", "/v1/events", event -> {
            try {
                recorder.record(codec.decode(event), event.getId(),
                        event.getSource() == null ? null : event.getSource().toString());
                return SubscriberResponse.ack();
            } catch (InvalidEventException e) {
                return SubscriberResponse.failure(400, e.getMessage());
            }
        });
    }

    @Bean
    InProcessSubscriber deadLetterSubscriber(DeadLetters deadLetters) {
        return new InProcessSubscriber("control-plane", "/v1/dead-letters", event -> {
            deadLetters.accept(event);
            return SubscriberResponse.ack();
        });
    }

    @Bean(destroyMethod = "close")
    StepMemory stepMemory(ControlPlaneProperties properties) {
        return new StepMemory(properties.home().resolve("steps"));
    }

    // ---- the six build steps, in-process, each behind function-support's StepInvoker ----

    @Bean
    InProcessSubscriber argoSyncStep(GitOpsReconciler gitOps, EventCodec codec, StepMemory memory, Narrator narrator) {
        return memory.step("argo-sync", new ArgoSync(gitOps), codec, narrator);
    }

    @Bean
    InProcessSubscriber cardProbeStep(Clock clock, EventCodec codec, StepMemory memory, Narrator narrator) {
        CardProbe probe = new CardProbe(AgentHttp.jdk(Duration.ofSeconds(10)), ProbeSettings.defaults(), clock,
                duration -> Thread.sleep(duration.toMillis()));
        return memory.step("card-probe", probe, codec, narrator);
    }

    /**
     * The four steps that talk to the control plane over HTTP exactly as they do in the cluster (grant exchange,
     * workspace, artifacts) are built from the same settings their Knative Services read, plus the platform's own
     * address. Built on first delivery: with {@code --port 0} the address is known only once the web server listens.
     */
    @Bean
    StepEnvironment stepEnvironment(PlatformAddress address, ServiceToken serviceToken,
                                    ControlPlaneProperties properties) {
        return () -> {
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("A2A_CONTROL_PLANE_URL", address.get().toString());
            env.put("A2A_SERVICE_TOKEN", serviceToken.value());
            env.put("A2A_BROKER_URL", address.get() + "/a2a-cloud/default");
            env.putIfAbsent("A2A_GIT_CACHE_DIR", properties.home().resolve("git-cache").toString());
            env.putIfAbsent("A2A_RUNTIME_IMAGE", LocalRuntimeImage.reference());
            return env;
        };
    }

    /** Settings for a step built on first use. */
    interface StepEnvironment {
        Map<String, String> get();
    }

    private static <I extends BuildEvent> InProcessSubscriber lazyStep(
            String name, Class<I> input, Function<Map<String, String>, Function<? super I, ? extends BuildEvent>> wiring,
            StepEnvironment env, EventCodec codec, StepMemory memory, Narrator narrator) {
        return memory.step(name, input, Lazily.of(() -> wiring.apply(env.get())), codec, narrator);
    }

    @Bean
    InProcessSubscriber generateStep(StepEnvironment env, EventCodec codec, StepMemory memory, Narrator narrator) {
        return lazyStep("generate", BuildEvent.class, GenerateWiring::fromEnvironment, env, codec, memory, narrator);
    }

    @Bean
    InProcessSubscriber sandboxValidateStep(StepEnvironment env, EventCodec codec, StepMemory memory,
                                            Narrator narrator) {
        return lazyStep("sandbox-validate", BuildGenerated.class, SandboxValidateWiring::fromEnvironment, env, codec,
                memory, narrator);
    }

    @Bean
    InProcessSubscriber packageStep(StepEnvironment env, EventCodec codec, StepMemory memory, Narrator narrator) {
        return lazyStep("package", BuildValidated.class, PackageWiring::fromEnvironment, env, codec, memory,
                narrator);
    }

    @Bean
    InProcessSubscriber gitCommitStep(StepEnvironment env, EmbeddedGitHost gitHost, EventCodec codec,
                                      StepMemory memory, Narrator narrator) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return lazyStep("git-commit", BuildPackaged.class, settings -> GitCommitWiring.step(settings, gitHost, http),
                env, codec, memory, narrator);
    }

    // ---- the model gateway at /llm/*: grants enforced, the offline model behind it unless an upstream is set ----

    @Bean
    ServletRegistrationBean<LlmGatewayServlet> llmGateway(SigningKeys keys, ControlPlaneProperties properties,
                                                           Clock clock) {
        GrantVerifier verifier = new GrantVerifier(keys, properties.issuer(), clock);
        LlmGatewayServlet gateway = new LlmGatewayServlet(new PlatformLlmGrantVerifier(verifier, clock),
                new GrantLedger(clock), GatewayModels.fromEnvironment(System.getenv()), 4096);
        ServletRegistrationBean<LlmGatewayServlet> registration = new ServletRegistrationBean<>(gateway, "/llm/*");
        registration.setName("llm-gateway");
        registration.setAsyncSupported(true);
        return registration;
    }

    @Bean
    GitOpsReconciler gitOpsReconciler(LocalServing serving, ControlPlaneProperties properties, ServiceToken serviceToken) {
        return new GitOpsReconciler(serving, properties.home().resolve("gitops"),
                () -> Optional.of(new UsernamePasswordCredentialsProvider("a2a", serviceToken.value())),
                Duration.ofSeconds(60));
    }
}
