package dev.a2acloud.core.serving;

import java.util.List;
import java.util.Optional;

/**
 * What serving knows about deployed agent services, in Knative's terms, so the control plane can show what
 * {@code kn service list} / {@code kn service describe} show. Implemented by local serving (embedded) and by a
 * Knative-backed reader (cluster).
 */
public interface ServiceStatusSource {
    List<ServiceStatus> list();

    Optional<ServiceStatus> get(String name);
}
