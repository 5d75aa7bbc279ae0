package dev.a2acloud.controlplane.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat refuses some requests before any servlet runs (an encoded NUL or '/' in the URL, a malformed header) and
 * renders its own HTML page for them. This valve renders those refusals in the API's one error shape instead.
 */
public class JsonErrorReportValve extends ErrorReportValve {
    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String code = switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "too_large";
            default -> status < 500 ? "bad_request" : "internal_error";
        };
        String message = status < 500
                ? "the request was refused before reaching the API: check the URL (no encoded NUL, '/' or '\\'),"
                + " its percent-encoding and the headers"
                : "the server failed to answer this request";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(ApiJson.errorBody(code, message, null), StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response already started; nothing more to say.
        }
    }
}
