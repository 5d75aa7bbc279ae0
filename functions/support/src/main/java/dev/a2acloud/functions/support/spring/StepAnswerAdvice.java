package dev.a2acloud.functions.support.spring;

import dev.a2acloud.functions.support.StepResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Writes a step's non-200 answer (202, 400, 500, 503) with its status, headers and error body. */
@ControllerAdvice
public class StepAnswerAdvice {
    @ExceptionHandler(StepAnswerException.class)
    ResponseEntity<byte[]> answer(StepAnswerException e) {
        StepResponse.HttpReply reply = e.reply();
        HttpHeaders headers = new HttpHeaders();
        reply.headers().forEach(headers::set);
        return ResponseEntity.status(reply.status()).headers(headers).body(reply.body());
    }
}
