package dev.a2acloud.controlplane.builds;

import dev.a2acloud.controlplane.api.ApiException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Semantic versions of agents: check one, and pick the next patch after the existing ones. Pure. */
public final class Versions {
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})(-[0-9A-Za-z.-]{1,40})?");

    private Versions() {
    }

    public static String check(String version) {
        if (version == null || !SEMVER.matcher(version).matches()) {
            throw ApiException.badRequest("invalid_version", "'version' must be a semantic version such as 1.0.0"
                    + (version == null ? "" : ", was '" + (version.length() > 40 ? version.substring(0, 40) : version)
                    + "'"), "version");
        }
        return version;
    }

    /** 1.0.0 for a new agent; otherwise the highest existing release with its patch number plus one. */
    public static String next(List<String> existing) {
        int[] best = null;
        for (String v : existing) {
            Matcher m = SEMVER.matcher(v);
            if (!m.matches()) {
                continue;
            }
            int[] parts = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
            if (best == null || compare(parts, best) > 0) {
                best = parts;
            }
        }
        return best == null ? "1.0.0" : best[0] + "." + best[1] + "." + (best[2] + 1);
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
