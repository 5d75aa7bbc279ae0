package dev.a2acloud.cli.up;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A servlet registered with the web server before the part it fronts exists: the broker starts only once the web
 * server listens (its replayed deliveries call the control plane over HTTP), so until then this answers 503 in our
 * error shape, which senders retry.
 */
final class DeferredServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final String what;
    private transient volatile HttpServlet delegate;

    DeferredServlet(String what) {
        this.what = what;
    }

    void attach(HttpServlet servlet) throws ServletException {
        servlet.init(getServletConfig());
        delegate = servlet;
    }

    void detach() {
        HttpServlet current = delegate;
        delegate = null;
        if (current != null) {
            current.destroy();
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        HttpServlet current = delegate;
        if (current == null) {
            response.setStatus(503);
            response.setHeader("Retry-After", "1");
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"error\":{\"code\":\"starting\",\"message\":\"the " + what
                    + " is starting or stopping; retry in a moment\"}}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        current.service(request, response);
    }
}
