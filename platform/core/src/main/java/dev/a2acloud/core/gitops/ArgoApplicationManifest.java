package dev.a2acloud.core.gitops;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Argo CD {@code Application} of one agent: its repo's {@code deploy/} at exactly the built commit, synced
 * automatically into the agents' namespace. A pure function of its input.
 */
public final class ArgoApplicationManifest {
    public static final String REFRESH_ANNOTATION = "argocd.argoproj.io/refresh";
    public static final ResourceDefinitionContext APPLICATIONS = new ResourceDefinitionContext.Builder()
            .withGroup("argoproj.io").withVersion("v1alpha1").withKind("Application").withPlural("applications")
            .withNamespaced(true).build();

    /**
     * Where Argo CD lives and where agents run. Agents run in the platform's namespace by default: the NetworkPolicy
     * of {@code knative/agent-egress.yaml} that limits their egress is applied there by the same kustomization.
     */
    public record Settings(String argoNamespace, String project, String destinationServer,
                           String destinationNamespace) {
        public static Settings defaults() {
            return new Settings("argocd", "default", "https://kubernetes.default.svc", "a2a-cloud");
        }
    }

    private ArgoApplicationManifest() {
    }

    public static GenericKubernetesResource build(GitOpsSync.Request request, Settings settings) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("repoURL", request.repoUrl());
        source.put("path", "deploy");
        source.put("targetRevision", request.commit());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("project", settings.project());
        spec.put("source", source);
        spec.put("destination", Map.of("server", settings.destinationServer(),
                "namespace", settings.destinationNamespace()));
        spec.put("syncPolicy", Map.of(
                "automated", Map.of("prune", true, "selfHeal", true),
                "syncOptions", List.of("CreateNamespace=true")));
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1").withKind("Application")
                .withNewMetadata().withName(request.agent()).withNamespace(settings.argoNamespace())
                .addToLabels(KnativeServiceManifest.LABEL_OWNER, request.owner())
                .addToLabels("app.kubernetes.io/managed-by", "a2a-cloud")
                .addToAnnotations(REFRESH_ANNOTATION, "hard")
                .endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }
}
