package dev.a2acloud.pack.tool;

import dev.a2acloud.pack.AgentTest;
import dev.a2acloud.pack.AgentTestClient;
import dev.a2acloud.pack.model.AgentLoader;
import dev.a2acloud.pack.model.AgentModel;
import dev.a2acloud.pack.runtime.InProcessAgent;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs a project's {@code @AgentTest} methods against the compiled agent, in-process. */
public final class ProjectTests {
    public record Result(int passed, List<String> failures) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    private final ProjectCompiler compiler;

    public ProjectTests(ProjectCompiler compiler) {
        this.compiler = compiler;
    }

    public Result run(Path dir, Map<String, String> env, PrintStream log) {
        Path work = null;
        try {
            work = Files.createTempDirectory("a2a-test-");
            Path jar = work.resolve("agent.jar");
            Path testClasses = Files.createDirectories(work.resolve("tests"));
            compiler.compile(dir, jar);
            compiler.compileTests(dir, jar, testClasses);
            try (URLClassLoader loader = new URLClassLoader("agent-tests",
                    new URL[]{jar.toUri().toURL(), testClasses.toUri().toURL()}, ProjectTests.class.getClassLoader())) {
                AgentModel model = AgentLoader.load(loader);
                AgentTestClient client = new InProcessAgent(model, env);
                int passed = 0;
                List<String> failures = new ArrayList<>();
                for (String className : classNames(testClasses)) {
                    Class<?> type = Class.forName(className, true, loader);
                    Method[] methods = type.getMethods();
                    Arrays.sort(methods, Comparator.comparing(Method::getName));
                    for (Method m : methods) {
                        if (!m.isAnnotationPresent(AgentTest.class)) {
                            continue;
                        }
                        String name = type.getSimpleName() + "." + m.getName();
                        try {
                            Object instance = Modifier.isStatic(m.getModifiers()) ? null
                                    : type.getConstructor().newInstance();
                            if (m.getParameterCount() == 0) {
                                m.invoke(instance);
                            } else if (m.getParameterCount() == 1 && m.getParameterTypes()[0] == AgentTestClient.class) {
                                m.invoke(instance, client);
                            } else {
                                throw new AssertionError("an @AgentTest takes nothing or one AgentTestClient");
                            }
                            passed++;
                            log.println("PASS " + name);
                        } catch (InvocationTargetException e) {
                            failures.add(name + ": " + e.getCause());
                            log.println("FAIL " + name + ": " + e.getCause());
                        } catch (ReflectiveOperationException | AssertionError e) {
                            failures.add(name + ": " + e);
                            log.println("FAIL " + name + ": " + e);
                        }
                    }
                }
                if (passed + failures.size() == 0) {
                    failures.add("tests/: no @AgentTest methods found");
                }
                return new Result(passed, failures);
            }
        } catch (IOException | ClassNotFoundException e) {
            return new Result(0, List.of("could not run the tests: " + e));
        } finally {
            ProjectCompiler.deleteQuietly(work);
        }
    }

    private static List<String> classNames(Path classes) throws IOException {
        try (Stream<Path> s = Files.walk(classes)) {
            return s.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
                    .map(p -> classes.relativize(p).toString().replace('/', '.').replace('\\', '.'))
                    .map(n -> n.substring(0, n.length() - ".class".length())).sorted().toList();
        }
    }
}
