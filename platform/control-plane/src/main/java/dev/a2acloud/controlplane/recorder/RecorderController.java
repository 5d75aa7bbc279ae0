package dev.a2acloud.controlplane.recorder;

import dev.a2acloud.controlplane.auth.Caller;
import dev.a2acloud.events.BuildEvent;
import dev.a2acloud.events.EventCodec;
import io.cloudevents.CloudEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The control-plane Trigger's subscriber ({@code POST /v1/events}, binary or structured CloudEvents) and the
 * dead-letter sink. Both acknowledge with 202 and no reply event; a malformed event is a 400, which Knative does
 * not retry.
 */
@RestController
public class RecorderController {
    private final Recorder recorder;
    private final DeadLetters deadLetters;
    private final EventCodec codec;

    public RecorderController(Recorder recorder, DeadLetters deadLetters, EventCodec codec) {
        this.recorder = recorder;
        this.deadLetters = deadLetters;
        this.codec = codec;
    }

    @PostMapping("/v1/events")
    public ResponseEntity<Void> event(Caller caller, HttpServletRequest request,
                                      @RequestBody(required = false) byte[] body) {
        caller.requireService();
        CloudEvent event = codec.readHttp(headers(request), body);
        BuildEvent decoded = codec.decode(event);
        recorder.record(decoded, event.getId(), event.getSource() == null ? null : event.getSource().toString());
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/v1/dead-letters")
    public ResponseEntity<Void> deadLetter(Caller caller, HttpServletRequest request,
                                           @RequestBody(required = false) byte[] body) {
        caller.requireService();
        deadLetters.accept(codec.readHttp(headers(request), body));
        return ResponseEntity.accepted().build();
    }

    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        return headers;
    }
}
