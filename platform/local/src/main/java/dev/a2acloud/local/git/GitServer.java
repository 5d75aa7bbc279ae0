package dev.a2acloud.local.git;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * The embedded git server: JGit smart HTTP for the bare repositories of {@link BareRepositories}, mounted at
 * {@value #PATH_PREFIX}{@code /*} so a repository is {@code /git/{owner}/{agent}.git}. Every request needs basic auth
 * whose password the {@link Authenticator} accepts for that repository (401 without or with wrong credentials, 403
 * when the caller may not touch it). Unknown repositories are 404: a push never creates one.
 */
public final class GitServer extends GitServlet {
    public static final String PATH_PREFIX = "/git";
    private static final long serialVersionUID = 1L;
    private static final Pattern REPO_PATH = Pattern.compile("^/([^/]+)/([^/]+)\\.git(/.*)?$");
    private static final String REALM = "Basic realm=\"a2a-cloud git\", charset=\"UTF-8\"";

    private final transient BareRepositories repositories;
    private final transient Authenticator authenticator;

    public GitServer(BareRepositories repositories, Authenticator authenticator) {
        this.repositories = repositories;
        this.authenticator = authenticator;
        setRepositoryResolver(this::resolve);
        setReceivePackFactory((request, repo) -> {
            ReceivePack pack = new ReceivePack(repo);
            pack.setRefLogIdent(new PersonIdent("a2a", "git@a2acloud.dev"));
            // The deploy history is append-only, whatever the repository's own config says.
            pack.setAllowNonFastForwards(false);
            pack.setAllowDeletes(false);
            pack.setAllowBranchDeletes(false);
            return pack;
        });
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
        String path = req.getPathInfo();
        Matcher m = path == null ? null : REPO_PATH.matcher(path);
        if (m == null || !m.matches()) {
            res.sendError(HttpServletResponse.SC_NOT_FOUND, "use /git/{owner}/{agent}.git");
            return;
        }
        String owner = m.group(1);
        String agent = m.group(2);
        String password = basicPassword(req.getHeader("Authorization"));
        if (password == null) {
            challenge(res, "authentication required: basic auth with a platform token as the password");
            return;
        }
        Authenticator.Access access = isPush(req, m.group(3)) ? Authenticator.Access.WRITE : Authenticator.Access.READ;
        switch (authenticator.check(password, owner, agent, access)) {
            case ALLOWED -> super.service(req, res);
            case FORBIDDEN -> res.sendError(HttpServletResponse.SC_FORBIDDEN,
                    "this token may not " + (access == Authenticator.Access.WRITE ? "push to " : "read ")
                            + owner + "/" + agent);
            case UNAUTHENTICATED -> challenge(res, "the token was not accepted; use a current platform token");
        }
    }

    private static boolean isPush(HttpServletRequest req, String rest) {
        return (rest != null && rest.endsWith("/git-receive-pack"))
                || "git-receive-pack".equals(req.getParameter("service"));
    }

    private static void challenge(HttpServletResponse res, String message) throws IOException {
        res.setHeader("WWW-Authenticate", REALM);
        res.sendError(HttpServletResponse.SC_UNAUTHORIZED, message);
    }

    static String basicPassword(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String password = colon < 0 ? null : decoded.substring(colon + 1);
            return password == null || password.isEmpty() ? null : password;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Repository resolve(HttpServletRequest req, String name) throws RepositoryNotFoundException {
        Matcher m = REPO_PATH.matcher("/" + name);
        if (!m.matches() || m.group(3) != null) {
            throw new RepositoryNotFoundException(name);
        }
        return repositories.open(m.group(1), m.group(2)).orElseThrow(() -> new RepositoryNotFoundException(name));
    }
}
