package dev.a2acloud.controlplane;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Invalid configuration stops startup with a message that names the property. */
class ConfigurationTest {
    @Test
    void anInvalidSettingNamesItsProperty(@TempDir Path home) {
        Throwable e = assertThrows(Exception.class, () -> new SpringApplicationBuilder(ControlPlaneApplication.class,
                RunningControlPlane.Assembly.class).run("--server.port=0", "--server.address=127.0.0.1",
                "--a2a.control-plane.home=" + home, "--a2a.control-plane.grant-ttl=0s"));
        assertTrue(chain(e).contains("a2a.control-plane.grant-ttl"), chain(e));
    }

    @Test
    void withoutAPublisherTheBrokerUrlIsRequired(@TempDir Path home) {
        Throwable e = assertThrows(Exception.class, () -> new SpringApplicationBuilder(ControlPlaneApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1", "--a2a.control-plane.home=" + home));
        assertTrue(chain(e).contains("a2a.control-plane.broker-url"), chain(e));
    }

    private static String chain(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t.getMessage()).append(" | ");
        }
        return out.toString();
    }
}
