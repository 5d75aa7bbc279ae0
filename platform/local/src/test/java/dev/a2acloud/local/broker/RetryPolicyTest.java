package dev.a2acloud.local.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
    @ParameterizedTest(name = "{0} -> success={1} retry={2}")
    @CsvSource({
            "200, true, false", "202, true, false", "204, true, false",
            "400, false, false", "401, false, false", "403, false, false", "413, false, false", "422, false, false",
            "404, false, true", "408, false, true", "409, false, true", "429, false, true",
            "500, false, true", "502, false, true", "503, false, true", "504, false, true",
            "0, false, true", "302, false, false"})
    void knativeStatusTable(int status, boolean success, boolean retry) {
        assertEquals(success, RetryPolicy.success(status));
        assertEquals(retry, RetryPolicy.retryable(status));
    }
}
