package dev.a2acloud.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AgesTest {
    @ParameterizedTest
    @CsvSource({"0,0s", "59,59s", "119,119s", "120,2m", "125,2m5s", "599,9m59s", "600,10m", "10799,179m",
            "10800,3h", "11100,3h5m", "28800,8h", "172799,47h", "172800,2d", "176400,2d1h", "691200,8d",
            "63072000,2y", "63158400,2y1d", "252288000,8y"})
    void humanDurationsMatchKubernetes(long seconds, String expected) {
        assertEquals(expected, Ages.human(Duration.ofSeconds(seconds)));
    }

    @ParameterizedTest
    @CsvSource({"0,0 ms", "999,999 ms", "1000,1.0 s", "1234,1.2 s", "59999,60.0 s", "60000,1m00s", "125000,2m05s"})
    void stepDurations(long millis, String expected) {
        assertEquals(expected, Ages.millis(millis));
    }
}
