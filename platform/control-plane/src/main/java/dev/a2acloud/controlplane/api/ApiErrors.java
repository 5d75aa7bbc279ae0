package dev.a2acloud.controlplane.api;

import dev.a2acloud.core.artifacts.ArtifactException;
import dev.a2acloud.core.grants.GrantException;
import dev.a2acloud.core.workspace.WorkspaceException;
import dev.a2acloud.events.EventPublishException;
import dev.a2acloud.events.InvalidEventException;
import dev.a2acloud.events.PlatformException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure — ours and Spring's — into the one error shape. Bad input is a 4xx that says what to fix;
 * a 500 is only ever a bug of ours, logged with its stack trace.
 */
@RestControllerAdvice
public class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(Exception.class)
    public ResponseEntity<byte[]> handle(Exception e, HttpServletRequest request) {
        return answer(e, request.getMethod() + " " + request.getRequestURI());
    }

    /** Also used by the {@code /error} controller and the auth filter. */
    public static ResponseEntity<byte[]> answer(Throwable e, String what) {
        return switch (e) {
            case ApiException a -> ApiJson.error(a.status(), a.code(), a.getMessage(), a.field());
            case WorkspaceException w -> ApiJson.error(w.kind().httpStatus(), w.code(), w.getMessage(), "path");
            case GrantException g -> grant(g);
            case ArtifactException a -> a.retryable()
                    ? ApiJson.error(503, "artifact_store_unavailable", a.getMessage(), null)
                    : ApiJson.error(400, "invalid_artifact", a.getMessage(), null);
            case InvalidEventException i -> ApiJson.error(400, "invalid_event", i.getMessage(), null);
            case EventPublishException p -> ApiJson.error(503, "broker_unavailable",
                    "the event broker did not accept the event: " + p.getMessage() + "; retry shortly", null);
            case PlatformException p -> p.retryable()
                    ? ApiJson.error(503, "unavailable", p.getMessage(), null)
                    : ApiJson.error(400, "refused", p.getMessage(), null);
            case MaxUploadSizeExceededException m -> ApiJson.error(413, "too_large",
                    "the upload is larger than allowed (" + m.getMaxUploadSize() + " bytes); send a smaller one",
                    null);
            case MissingServletRequestPartException m -> ApiJson.error(400, "missing_field",
                    "the multipart form lacks the part '" + m.getRequestPartName() + "'", m.getRequestPartName());
            case MissingServletRequestParameterException m -> ApiJson.error(400, "missing_field",
                    "the request lacks '" + m.getParameterName() + "'", m.getParameterName());
            case MultipartException m -> ApiJson.error(400, "invalid_multipart",
                    "the request is not a readable multipart/form-data upload: " + rootMessage(m), null);
            case MethodArgumentTypeMismatchException m -> ApiJson.error(400, "invalid_field",
                    "'" + m.getName() + "' has the wrong type", m.getName());
            case HttpRequestMethodNotSupportedException m -> ApiJson.error(405, "method_not_allowed",
                    m.getMethod() + " is not supported here; use " + m.getSupportedHttpMethods(), null);
            case HttpMediaTypeNotSupportedException m -> ApiJson.error(415, "unsupported_media_type",
                    "content type " + m.getContentType() + " is not accepted here; use "
                            + m.getSupportedMediaTypes(), null);
            case HttpMediaTypeNotAcceptableException m -> ApiJson.error(406, "not_acceptable",
                    "this endpoint answers " + m.getSupportedMediaTypes(), null);
            case NoResourceFoundException n -> notFoundRoute(what);
            case NoHandlerFoundException n -> notFoundRoute(what);
            case AsyncRequestNotUsableException n -> ResponseEntity.noContent().build();
            case ErrorResponse r when r.getStatusCode().is4xxClientError() -> ApiJson.error(
                    r.getStatusCode().value(), "bad_request", rootMessage(e), null);
            default -> {
                log.error("unexpected failure on {}", what, e);
                yield ApiJson.error(500, "internal_error",
                        "the control plane failed unexpectedly; this is a bug, please report it", null);
            }
        };
    }

    private static ResponseEntity<byte[]> grant(GrantException g) {
        return switch (g.refusal()) {
            case OUT_OF_SCOPE -> ApiJson.error(403, "outside_grant", g.getMessage(), null);
            case NOT_FOUND -> ApiJson.error(404, "not_found", g.getMessage(), null);
            case UNAVAILABLE -> ApiJson.error(503, "unavailable", g.getMessage(), null);
            default -> ApiJson.error(401, "unauthorized", g.getMessage(), null);
        };
    }

    static ResponseEntity<byte[]> notFoundRoute(String what) {
        return ApiJson.error(404, "not_found", "no such endpoint: " + what, null);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.split("\n", 2)[0];
    }
}
