package dev.a2acloud.core.git;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Managed Gitea through its REST API (token auth). Every agent repository lives in one namespace — an organisation
 * ({@code POST /api/v1/orgs/{org}/repos}) or the token's own user ({@code POST /api/v1/user/repos}) — named
 * {@code {owner}.{agent}}: owner ids and agent names hold no dot, so the name is unambiguous. Pushes use the same
 * token as the basic-auth password, which Gitea accepts for smart HTTP.
 */
public final class GiteaGitHost implements GitHost {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final String namespace;
    private final boolean organisation;
    private final String username;
    private final String token;
    private final HttpClient http;

    /**
     * @param namespace the organisation (or, when {@code organisation} is false, the token's user) holding the repos
     * @param username the Gitea user the token belongs to, used as the basic-auth user for pushes
     */
    public GiteaGitHost(URI baseUrl, String namespace, boolean organisation, String username, String token,
                        HttpClient http) {
        this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/");
        this.namespace = namespace;
        this.organisation = organisation;
        this.username = username;
        this.token = token;
        this.http = http;
    }

    static String repoName(String owner, String agent) {
        return owner + "." + agent;
    }

    @Override
    public GitRepo ensureRepo(String owner, String agent) {
        RepoNames.check(owner, agent);
        String name = repoName(owner, agent);
        HttpResponse<String> existing = send(HttpRequest.newBuilder(api("repos/" + namespace + "/" + name)).GET());
        if (existing.statusCode() == 200) {
            return repo(owner, agent, existing.body());
        }
        if (existing.statusCode() != 404) {
            throw failure("looking up repository " + namespace + "/" + name, existing);
        }
        String body = JSON.createObjectNode().put("name", name).put("private", true).put("auto_init", false)
                .put("default_branch", "main")
                .put("description", "A2A Cloud agent " + agent + " of " + owner).toString();
        HttpResponse<String> created = send(HttpRequest.newBuilder(
                        api(organisation ? "orgs/" + namespace + "/repos" : "user/repos"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (created.statusCode() == 201) {
            return repo(owner, agent, created.body());
        }
        if (created.statusCode() == 409) {
            // Another build created it between our look-up and our create: read it again.
            HttpResponse<String> again = send(HttpRequest.newBuilder(api("repos/" + namespace + "/" + name)).GET());
            if (again.statusCode() == 200) {
                return repo(owner, agent, again.body());
            }
            throw failure("reading repository " + namespace + "/" + name + " after a create conflict", again);
        }
        throw failure("creating repository " + namespace + "/" + name, created);
    }

    private URI api(String path) {
        return baseUrl.resolve("api/v1/" + path);
    }

    private GitRepo repo(String owner, String agent, String body) {
        try {
            JsonNode node = JSON.readTree(body);
            String cloneUrl = node.path("clone_url").asText("");
            if (cloneUrl.isEmpty()) {
                throw GitException.retryable("Gitea answered without a clone_url for " + owner + "/" + agent, null);
            }
            return new GitRepo(owner, agent, URI.create(cloneUrl), username, token);
        } catch (IOException e) {
            throw GitException.retryable("Gitea answered with a body that is not JSON: " + e.getMessage(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30))
                            .header("Authorization", "token " + token)
                            .header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw GitException.retryable("cannot reach Gitea at " + baseUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GitException.retryable("interrupted while talking to Gitea", e);
        }
    }

    private static GitException failure(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        String detail = what + " failed (HTTP " + status + ": " + abbreviate(response.body()) + ")";
        if (status == 401 || status == 403) {
            return GitException.permanent(detail + "; check the Gitea token and that it may create repositories in"
                    + " the configured namespace");
        }
        if (status >= 500 || status == 429) {
            return GitException.retryable(detail, null);
        }
        return GitException.permanent(detail);
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
