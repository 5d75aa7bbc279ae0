package dev.a2acloud.controlplane.api;

import dev.a2acloud.controlplane.config.ControlPlaneProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/** The URL others reach this control plane at: configured, or as the current request addressed it. */
@Component
public class BaseUrl {
    private final ControlPlaneProperties properties;

    public BaseUrl(ControlPlaneProperties properties) {
        this.properties = properties;
    }

    public String of(HttpServletRequest request) {
        if (properties.publicUrl() != null) {
            return properties.publicUrl().toString().replaceAll("/+$", "");
        }
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String host = request.getServerName();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + request.getContextPath();
    }
}
