package dev.a2acloud.controlplane.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Failures that happen before Spring MVC (the servlet container refusing a URL, a filter throwing) reach
 * {@code /error}; they get the same error shape as everything else, never Boot's default page.
 */
@RestController
public class ApiErrorController implements ErrorController {
    @RequestMapping("/error")
    public ResponseEntity<byte[]> error(HttpServletRequest request) {
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String what = request.getMethod() + " " + (uri == null ? "" : uri);
        if (exception instanceof Throwable t) {
            return ApiErrors.answer(t, what);
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        return switch (status) {
            case 404 -> ApiErrors.notFoundRoute(what);
            case 405 -> ApiJson.error(405, "method_not_allowed", "method not allowed on " + what, null);
            case 413 -> ApiJson.error(413, "too_large", "the request body is too large", null);
            default -> status >= 400 && status < 500
                    ? ApiJson.error(status, "bad_request", "the request was refused: check the URL, its encoding "
                    + "(no encoded '/' or '\\') and the headers", null)
                    : ApiJson.error(status, "internal_error", "the server failed to answer " + what, null);
        };
    }
}
