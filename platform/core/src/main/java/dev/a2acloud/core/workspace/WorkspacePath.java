package dev.a2acloud.core.workspace;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalises a relative workspace path BEFORE any grant check, refusing everything that could name a different
 * place than it appears to: {@code ..}, absolute and drive paths, backslashes, percent-encoded bytes (the HTTP layer
 * decoded once already; a second layer is an attack), NUL and control characters, look-alike separators, over-long
 * names. Empty segments and {@code .} collapse; a trailing {@code /} marks a prefix.
 */
public final class WorkspacePath {
    public static final int MAX_PATH_BYTES = 1024;
    public static final int MAX_SEGMENT_BYTES = 255;
    public static final int MAX_DEPTH = 32;

    private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    /** Characters that render like '/', '\' or '.' and that some tools fold into them. */
    private static final String LOOKALIKES = "\u2215\u2044\u29f8\uff0f\uff3c\u2216\ufe68\uff0e\u2024\u3002\ufe52";

    private WorkspacePath() {
    }

    /** A normalised path to one object (no trailing slash). */
    public static String file(String raw) {
        String normal = normalise(raw);
        if (normal.isEmpty() || normal.endsWith("/")) {
            throw WorkspaceException.badPath("not_a_file", raw, "name a file, not a folder");
        }
        return normal;
    }

    /** A normalised prefix: empty (the bucket root) or ending in {@code /}. */
    public static String prefix(String raw) {
        String normal = normalise(raw == null ? "" : raw);
        return normal.isEmpty() || normal.endsWith("/") ? normal : normal + "/";
    }

    /** The normalised path; a trailing {@code /} is kept (it marks a prefix). */
    public static String normalise(String raw) {
        if (raw == null) {
            throw WorkspaceException.badPath("empty_path", "", "no path given");
        }
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw WorkspaceException.badPath("path_too_long", raw, "longer than " + MAX_PATH_BYTES + " bytes");
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == 0) {
                throw WorkspaceException.badPath("nul_byte", raw, "contains a NUL byte");
            }
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                throw WorkspaceException.badPath("control_character", raw, "contains a control character");
            }
            if (c == '\\') {
                throw WorkspaceException.badPath("backslash", raw, "use '/' as the separator, not '\\'");
            }
            if (LOOKALIKES.indexOf(c) >= 0 || c == '\u202e' || c == '\u200b' || c == '\ufeff') {
                throw WorkspaceException.badPath("confusable_character", raw,
                        "contains a character that looks like a separator or is invisible");
            }
            if (Character.isSurrogate(c) && !validSurrogateAt(raw, i)) {
                throw WorkspaceException.badPath("invalid_unicode", raw, "contains a broken UTF-16 surrogate");
            }
        }
        if (PERCENT_ESCAPE.matcher(raw).find()) {
            throw WorkspaceException.badPath("percent_encoded", raw,
                    "contains a percent-encoded byte; send the plain name (URL-encode it once, in the URL only)");
        }
        if (raw.startsWith("/")) {
            throw WorkspaceException.badPath("absolute_path", raw, "use a path relative to the workspace");
        }
        if (raw.startsWith("~")) {
            throw WorkspaceException.badPath("home_path", raw, "'~' paths are not relative to the workspace");
        }
        if (DRIVE.matcher(raw).matches()) {
            throw WorkspaceException.badPath("absolute_path", raw, "drive letters are not allowed");
        }
        String nfc = Normalizer.normalize(raw, Normalizer.Form.NFC);
        boolean prefix = nfc.endsWith("/");
        List<String> segments = new ArrayList<>();
        for (String segment : nfc.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw WorkspaceException.badPath("path_traversal", raw, "'..' is not allowed");
            }
            if (segment.strip().isEmpty() || !segment.equals(segment.strip())) {
                throw WorkspaceException.badPath("blank_segment", raw,
                        "a name starts or ends with blanks; trim it");
            }
            if (segment.chars().allMatch(ch -> ch == '.')) {
                throw WorkspaceException.badPath("path_traversal", raw, "names made only of dots are not allowed");
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw WorkspaceException.badPath("name_too_long", raw,
                        "a name is longer than " + MAX_SEGMENT_BYTES + " bytes");
            }
            if (isWindowsDevice(segment)) {
                throw WorkspaceException.badPath("reserved_name", raw, "'" + segment + "' is a reserved device name");
            }
            segments.add(segment);
        }
        if (segments.size() > MAX_DEPTH) {
            throw WorkspaceException.badPath("too_deep", raw, "more than " + MAX_DEPTH + " levels deep");
        }
        String joined = String.join("/", segments);
        return prefix && !joined.isEmpty() ? joined + "/" : joined;
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static boolean isWindowsDevice(String segment) {
        String base = segment.toUpperCase(Locale.ROOT);
        int dot = base.indexOf('.');
        if (dot >= 0) {
            base = base.substring(0, dot);
        }
        return base.matches("CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9]");
    }
}
