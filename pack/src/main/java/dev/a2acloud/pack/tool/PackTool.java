package dev.a2acloud.pack.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.a2acloud.pack.PackException;
import dev.a2acloud.pack.model.AgentLoader;
import dev.a2acloud.pack.model.AgentModel;
import dev.a2acloud.pack.model.CardBuilder;
import dev.a2acloud.pack.runtime.AgentServer;
import dev.a2acloud.pack.runtime.ServerConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The pack's command line (docs/contracts.md "Pack entry points"):
 * <pre>
 * compile &lt;dir&gt; &lt;out.jar&gt;   compile the project; exit 2 with file:line: message lines on stderr
 * card &lt;dir&gt; | card --jar &lt;agent.jar&gt;   print the Agent Card JSON (url from A2A_PUBLIC_URL)
 * test &lt;dir&gt;                 run the project's @AgentTest methods in tests/
 * init &lt;name&gt; &lt;dir&gt;          write the starter project
 * serve &lt;dir&gt;                compile into dir/.a2a/build/agent.jar and serve it (PORT, default 8080)
 * </pre>
 * Exit codes: 0 ok, 1 usage or I/O, 2 the project is invalid (compile errors, a2a.yaml, code/yaml disagreement),
 * 3 project tests failed.
 */
public final class PackTool {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    public PackTool(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        int code = new PackTool(System.out, System.err, System.getenv()).run(args);
        if (code != 0 || !(args.length > 0 && args[0].equals("serve"))) {
            System.exit(code);
        }
    }

    public int run(String... args) {
        if (args.length == 0) {
            return usage();
        }
        try {
            return switch (args[0]) {
                case "compile" -> args.length == 3 ? compile(Path.of(args[1]), Path.of(args[2])) : usage();
                case "card" -> card(args);
                case "test" -> args.length == 2 ? test(Path.of(args[1])) : usage();
                case "init" -> args.length == 3 ? init(args[1], Path.of(args[2])) : usage();
                case "serve" -> args.length == 2 ? serve(Path.of(args[1]), true) : usage();
                default -> usage();
            };
        } catch (CompileFailed e) {
            e.errors().forEach(err::println);
            return 2;
        } catch (PackException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    private int usage() {
        err.println("usage: PackTool compile <dir> <out.jar> | card <dir> | card --jar <agent.jar> | test <dir> | "
                + "init <name> <dir> | serve <dir>");
        return 1;
    }

    private int compile(Path dir, Path jar) {
        new ProjectCompiler().compile(dir, jar);
        err.println("compiled " + jar);
        return 0;
    }

    private int card(String[] args) {
        Path jar;
        Path temp = null;
        try {
            if (args.length == 3 && args[1].equals("--jar")) {
                jar = Path.of(args[2]);
                if (!Files.isRegularFile(jar)) {
                    throw PackException.invalid("--jar", args[2] + " is not a file");
                }
            } else if (args.length == 2) {
                temp = Files.createTempDirectory("a2a-card-");
                jar = temp.resolve("agent.jar");
                new ProjectCompiler().compile(Path.of(args[1]), jar);
            } else {
                return usage();
            }
            try (URLClassLoader loader = new URLClassLoader("agent", new URL[]{jar.toUri().toURL()},
                    PackTool.class.getClassLoader())) {
                AgentModel model = AgentLoader.load(loader);
                String url = env.getOrDefault("A2A_PUBLIC_URL", "http://localhost:8080/");
                out.println(JSON.writeValueAsString(CardBuilder.build(model, url,
                        Boolean.parseBoolean(env.getOrDefault("A2A_CARD_BEARER_AUTH", "false")))));
            }
            return 0;
        } catch (IOException e) {
            err.println("card failed: " + e.getMessage());
            return 1;
        } finally {
            ProjectCompiler.deleteQuietly(temp);
        }
    }

    private int test(Path dir) {
        ProjectTests.Result result = new ProjectTests(new ProjectCompiler()).run(dir, env, out);
        out.println(result.passed() + " passed, " + result.failures().size() + " failed");
        result.failures().forEach(err::println);
        return result.ok() ? 0 : 3;
    }

    private int init(String name, Path dir) {
        Template.write(name, dir);
        out.println("wrote the starter agent '" + name + "' to " + dir);
        return 0;
    }

    /** Serves until the process ends. */
    private int serve(Path dir, boolean block) {
        try {
            AgentServer server = startServing(dir);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "graceful-shutdown"));
            if (block) {
                new CountDownLatch(1).await();
            }
            return 0;
        } catch (IOException e) {
            err.println("cannot serve: " + e.getMessage() + "; is PORT free?");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Compiles into {@code dir/.a2a/build/agent.jar}, loads and starts serving (PORT from the environment). */
    AgentServer startServing(Path dir) throws IOException {
        Path jar = dir.resolve(".a2a/build/agent.jar");
        new ProjectCompiler().compile(dir, jar);
        URLClassLoader loader = new URLClassLoader("agent", new URL[]{jar.toUri().toURL()}, PackTool.class.getClassLoader());
        AgentModel model = AgentLoader.load(loader);
        AgentServer server = new AgentServer(model, ServerConfig.fromEnv(env), loader);
        int port = server.start();
        out.println("serving " + model.yaml().name() + " at http://127.0.0.1:" + port + "/ (card: "
                + "/.well-known/agent-card.json)");
        return server;
    }
}
