package dev.a2acloud.core.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/** The path normalisation table: hostile paths are refused with a reason, harmless spellings normalised. */
class WorkspacePathTest {

    static Stream<Arguments> hostile() {
        String longName = "a".repeat(256);
        String longPath = ("abcdefghi/").repeat(110);
        return Stream.of(
                Arguments.of("..", "path_traversal"),
                Arguments.of("../etc/passwd", "path_traversal"),
                Arguments.of("agents/echo/../../other/a2a.yaml", "path_traversal"),
                Arguments.of("agents/echo/..", "path_traversal"),
                Arguments.of("agents/../agents/echo/x", "path_traversal"),
                Arguments.of("./../x", "path_traversal"),
                Arguments.of("agents/.../x", "path_traversal"),
                Arguments.of("/etc/passwd", "absolute_path"),
                Arguments.of("//server/share/x", "absolute_path"),
                Arguments.of("C:/Windows/system.ini", "absolute_path"),
                Arguments.of("c:agents", "absolute_path"),
                Arguments.of("~/secrets", "home_path"),
                Arguments.of("agents\\echo\\a2a.yaml", "backslash"),
                Arguments.of("..\\..\\windows", "backslash"),
                Arguments.of("agents/echo/%2e%2e/%2e%2e/x", "percent_encoded"),
                Arguments.of("agents%2fecho%2fx", "percent_encoded"),
                Arguments.of("agents/echo%2F..%2Fother", "percent_encoded"),
                Arguments.of("agents/echo/%5c..%5cx", "percent_encoded"),
                Arguments.of("agents/echo/x%00.txt", "percent_encoded"),
                Arguments.of("%252e%252e/x", "percent_encoded"),
                Arguments.of("agents/echo/x\u0000.txt", "nul_byte"),
                Arguments.of("agents/echo/\u0000", "nul_byte"),
                Arguments.of("agents/echo/line\nbreak", "control_character"),
                Arguments.of("agents/echo/carriage\rreturn", "control_character"),
                Arguments.of("agents/echo/esc\u001b[31m", "control_character"),
                Arguments.of("agents/echo/\u0085next", "control_character"),
                Arguments.of("agents/echo/\uff0e\uff0e/x", "confusable_character"),
                Arguments.of("agents\u2215echo", "confusable_character"),
                Arguments.of("agents\uff0fecho", "confusable_character"),
                Arguments.of("agents/echo/\u202egnp.exe", "confusable_character"),
                Arguments.of("agents/echo/" + longName, "name_too_long"),
                Arguments.of(longPath, "path_too_long"),
                Arguments.of("a/".repeat(40) + "x", "too_deep"),
                Arguments.of("agents/echo/ ", "blank_segment"),
                Arguments.of("agents/ echo/x", "blank_segment"),
                Arguments.of("agents/echo/CON", "reserved_name"),
                Arguments.of("agents/echo/nul.txt", "reserved_name"),
                Arguments.of("agents/echo/\ud800", "invalid_unicode"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("hostile")
    void refusesHostilePath(String raw, String code) {
        WorkspaceException e = assertThrows(WorkspaceException.class, () -> WorkspacePath.normalise(raw));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(WorkspaceException.Kind.BAD_PATH, e.kind());
    }

    static Stream<Arguments> harmless() {
        return Stream.of(
                Arguments.of("agents/echo/a2a.yaml", "agents/echo/a2a.yaml"),
                Arguments.of("agents//echo///a2a.yaml", "agents/echo/a2a.yaml"),
                Arguments.of("./agents/./echo/a2a.yaml", "agents/echo/a2a.yaml"),
                Arguments.of("agents/echo/", "agents/echo/"),
                Arguments.of("agents/echo/.a2a/transcript.json", "agents/echo/.a2a/transcript.json"),
                Arguments.of("agents/echo/100%.txt", "agents/echo/100%.txt"),
                Arguments.of("agents/echo/caf\u0065\u0301.txt", "agents/echo/caf\u00e9.txt"),
                Arguments.of("", ""));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("harmless")
    void normalisesHarmlessSpellings(String raw, String expected) {
        assertEquals(expected, WorkspacePath.normalise(raw));
    }
}
