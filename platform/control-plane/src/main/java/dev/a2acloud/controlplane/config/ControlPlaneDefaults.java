package dev.a2acloud.controlplane.config;

import dev.a2acloud.core.artifacts.ArtifactStore;
import dev.a2acloud.core.workspace.DirectoryWorkspaceStore;
import dev.a2acloud.core.workspace.S3WorkspaceStore;
import dev.a2acloud.core.workspace.WorkspaceStore;
import dev.a2acloud.events.EventCodec;
import dev.a2acloud.events.EventPublisher;
import dev.a2acloud.events.HttpEventPublisher;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Parts an embedding assembly may replace with its own beans (auto-configuration runs after user configuration, so
 * {@code @ConditionalOnMissingBean} sees the assembly's beans): the clock, the event publisher, the stores.
 */
@AutoConfiguration
public class ControlPlaneDefaults {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** In a cluster: binary-mode CloudEvents to the Knative broker ingress. */
    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(ControlPlaneProperties properties, Clock clock) {
        if (properties.brokerUrl() == null) {
            throw new IllegalArgumentException("a2a.control-plane.broker-url must be set (e.g. "
                    + "http://broker-ingress.knative-eventing.svc.cluster.local/a2a-cloud/default) when no "
                    + "EventPublisher is provided");
        }
        return new HttpEventPublisher(properties.brokerUrl(),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), new EventCodec(clock),
                Duration.ofSeconds(10));
    }

    @Bean
    @ConditionalOnMissingBean
    WorkspaceStore workspaceStore(ControlPlaneProperties properties) {
        ControlPlaneProperties.Workspace ws = properties.workspace();
        if (ws.store().equals("s3")) {
            return S3WorkspaceStore.connect(ws.s3Endpoint(), ws.s3Region(), ws.s3AccessKey(), ws.s3SecretKey(),
                    ws.s3PathStyle());
        }
        return new DirectoryWorkspaceStore(ws.directory() != null ? ws.directory()
                : properties.home().resolve("workspaces"));
    }

    @Bean
    @ConditionalOnMissingBean
    ArtifactStore artifactStore(ControlPlaneProperties properties, WorkspaceStore workspaceStore) {
        if (properties.workspace().store().equals("s3")) {
            return new ArtifactStore(workspaceStore, properties.workspace().artifactBucket());
        }
        return ArtifactStore.inDirectory(properties.home().resolve("artifacts"));
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec(Clock clock) {
        return new EventCodec(clock);
    }
}
