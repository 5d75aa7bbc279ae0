package dev.a2acloud.core.llm.gateway;

import jakarta.servlet.http.HttpServlet;
import java.io.File;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** The gateway servlet in an embedded Tomcat on an ephemeral loopback port, mapped at {@code /llm/*} as on the platform. */
final class GatewayServer implements AutoCloseable {
    private final Tomcat tomcat = new Tomcat();
    private final Connector connector;

    GatewayServer(HttpServlet servlet) throws Exception {
        File base = Files.createTempDirectory("gateway-tomcat").toFile();
        tomcat.setBaseDir(base.getAbsolutePath());
        connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.getAbsolutePath());
        Tomcat.addServlet(context, "llm", servlet);
        context.addServletMappingDecoded("/llm/*", "llm");
        tomcat.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/llm/v1";
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }
}
