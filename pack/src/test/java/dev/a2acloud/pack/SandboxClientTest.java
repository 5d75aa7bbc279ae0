package dev.a2acloud.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SandboxClientTest {
    @Test
    void resourceHintsBecomeTheSandboxRequestUnits() {
        assertEquals(0.5, SandboxClient.cpus("500m"));
        assertEquals(2.0, SandboxClient.cpus("2"));
        assertEquals(512, SandboxClient.memoryMiB("512Mi"));
        assertEquals(2048, SandboxClient.memoryMiB("2Gi"));
        assertEquals("cpu", assertThrows(PackException.class, () -> SandboxClient.cpus("lots")).field());
        assertEquals("memory", assertThrows(PackException.class, () -> SandboxClient.memoryMiB("1TB")).field());
        assertEquals("argv", assertThrows(PackException.class,
                () -> new SandboxClient("http://127.0.0.1:1", "g").exec(java.util.List.of())).field());
    }
}
