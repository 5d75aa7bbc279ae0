package dev.a2acloud.pack.model;

import dev.a2acloud.pack.AgentRuntime;
import dev.a2acloud.pack.LlmMode;
import dev.a2acloud.pack.PackAgent;
import dev.a2acloud.pack.PackException;
import dev.a2acloud.pack.Skill;
import dev.a2acloud.pack.SkillPolicy;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A loaded agent: a2a.yaml and the entrypoint class reconciled into one description. The code and a2a.yaml must
 * agree: a value stated on both sides must be equal, otherwise loading fails listing every disagreement by field
 * (nothing is silently merged). A value stated on one side only is taken from that side.
 *
 * <p>The default skill (the one a plain text message goes to) is, in order: the skill named by a2a.yaml
 * {@code default_skill} or marked {@code @Skill(defaultForText = true)} (both may say so only if they agree); else
 * the only skill when there is exactly one; else none, and a text-only message is answered with an invalid-params
 * error that lists the skills.
 */
public final class AgentModel {
    private static final Pattern SKILL_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final A2aYaml yaml;
    private final Object agent;
    private final Map<String, SkillModel> skills;
    private final SkillModel defaultSkill;
    private final AgentRuntime runtime;
    private final LlmMode llmMode;

    private AgentModel(A2aYaml yaml, Object agent, Map<String, SkillModel> skills, SkillModel defaultSkill,
                       AgentRuntime runtime, LlmMode llmMode) {
        this.yaml = yaml;
        this.agent = agent;
        this.skills = skills;
        this.defaultSkill = defaultSkill;
        this.runtime = runtime;
        this.llmMode = llmMode;
    }

    public static AgentModel load(ClassLoader loader, A2aYaml yaml) {
        Class<?> type;
        try {
            type = Class.forName(yaml.entrypoint(), true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw PackException.invalid("entrypoint", "class " + yaml.entrypoint() + " was not found in the agent ("
                    + e.getMessage() + "); it must be a class under agent/ with that fully qualified name");
        }
        Object agent = instantiate(type);
        List<String> problems = new ArrayList<>();

        Map<String, SkillModel> skills = new LinkedHashMap<>();
        List<String> markedDefault = new ArrayList<>();
        Method[] methods = type.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method m : methods) {
            Skill s = m.getAnnotation(Skill.class);
            if (s == null) {
                continue;
            }
            String where = type.getSimpleName() + "." + m.getName();
            if (Modifier.isStatic(m.getModifiers())) {
                problems.add(where + ": a @Skill method must not be static");
                continue;
            }
            String id = s.id().isEmpty() ? m.getName() : s.id();
            if (!SKILL_ID.matcher(id).matches()) {
                problems.add(where + ": skill id '" + id + "' must be lower case letters, digits, '-' or '_' "
                        + "(set @Skill(id = ...))");
                continue;
            }
            if (skills.containsKey(id)) {
                problems.add(where + ": skill id '" + id + "' is declared twice");
                continue;
            }
            if (s.description().isBlank()) {
                problems.add(where + ": @Skill description is empty; say what the skill does");
            }
            if (Arrays.stream(m.getParameters()).anyMatch(p -> !p.isNamePresent())) {
                problems.add(where + ": parameter names are missing; compile with -parameters (PackTool compile does)");
                continue;
            }
            A2aYaml.PolicyDecl decl = yaml.skills().get(id);
            SkillPolicy policy;
            try {
                policy = reconcile(id, s, decl, problems);
            } catch (PackException e) {
                problems.add("skills." + id + "." + e.getMessage());
                continue;
            }
            skills.put(id, new SkillModel(id, s.name().isEmpty() ? id : s.name(), s.description(),
                    List.of(s.tags()), List.of(s.examples()), policy, m));
            if (s.defaultForText()) {
                markedDefault.add(id);
            }
        }
        if (skills.isEmpty() && problems.isEmpty()) {
            problems.add("entrypoint: " + yaml.entrypoint() + " has no public @Skill methods; an agent needs at least one");
        }
        for (String id : yaml.skills().keySet()) {
            if (!skills.containsKey(id)) {
                problems.add("skills." + id + ": a2a.yaml declares a policy for skill '" + id
                        + "' but the code has no @Skill with that id; skills in code: " + skills.keySet());
            }
        }

        SkillModel defaultSkill = null;
        if (markedDefault.size() > 1) {
            problems.add("@Skill(defaultForText): more than one skill is marked " + markedDefault + "; mark one");
        }
        String yamlDefault = yaml.defaultSkill();
        if (yamlDefault != null && !skills.containsKey(yamlDefault)) {
            problems.add("default_skill: '" + yamlDefault + "' is not a skill in code; skills in code: " + skills.keySet());
        } else if (yamlDefault != null && markedDefault.size() == 1 && !markedDefault.get(0).equals(yamlDefault)) {
            problems.add("default_skill: a2a.yaml says '" + yamlDefault + "', the code marks '" + markedDefault.get(0)
                    + "' with defaultForText");
        } else if (yamlDefault != null) {
            defaultSkill = skills.get(yamlDefault);
        } else if (markedDefault.size() == 1) {
            defaultSkill = skills.get(markedDefault.get(0));
        } else if (skills.size() == 1) {
            defaultSkill = skills.values().iterator().next();
        }

        AgentRuntime runtime = null;
        LlmMode mode = yaml.llmMode();
        try {
            runtime = yaml.runtime().toRuntime();
        } catch (PackException e) {
            problems.add(e.getMessage());
        }
        if (agent instanceof PackAgent declared) {
            AgentRuntime code;
            try {
                code = declared.runtime();
            } catch (PackException e) {
                problems.add(e.getMessage() + " (in " + type.getSimpleName() + ".runtime())");
                code = null;
            }
            if (code != null) {
                compareRuntime(yaml.runtime(), code, problems);
                runtime = code;
            }
            LlmMode codeMode = declared.llmMode();
            if (codeMode != null) {
                if (mode != null && mode != codeMode) {
                    problems.add("llm.mode: a2a.yaml says " + mode.wire() + ", the code (llmMode()) says " + codeMode.wire());
                }
                mode = codeMode;
            }
        }
        if (!problems.isEmpty()) {
            throw new PackException("the agent's code and a2a.yaml do not form a valid agent:\n  - "
                    + String.join("\n  - ", problems), problems.size() == 1 ? fieldOf(problems.get(0)) : "a2a.yaml",
                    false, null);
        }
        return new AgentModel(yaml, agent, skills, defaultSkill, runtime, mode == null ? LlmMode.PLATFORM : mode);
    }

    private static String fieldOf(String problem) {
        int colon = problem.indexOf(':');
        return colon < 0 ? "a2a.yaml" : problem.substring(0, colon);
    }

    private static Object instantiate(Class<?> type) {
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw PackException.invalid("entrypoint", type.getName() + " must be a concrete class");
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw PackException.invalid("entrypoint", type.getName() + " needs a public constructor without parameters");
        } catch (InvocationTargetException e) {
            throw PackException.invalid("entrypoint", type.getName() + "'s constructor threw "
                    + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw PackException.invalid("entrypoint", type.getName() + " cannot be created: " + e.getMessage()
                    + "; make the class and its constructor public");
        }
    }

    private static SkillPolicy reconcile(String id, Skill s, A2aYaml.PolicyDecl d, List<String> problems) {
        Double timeout = s.timeoutSeconds() > 0 ? Double.valueOf(s.timeoutSeconds()) : null;
        if (s.timeoutSeconds() < 0) {
            throw PackException.invalid("timeout_seconds", "@Skill(timeoutSeconds) must be more than 0, was " + s.timeoutSeconds());
        }
        boolean idempotent = s.idempotent();
        int maxRetries = s.maxRetries();
        String cost = s.costClass().isEmpty() ? null : s.costClass();
        boolean scope = s.allowScopeExpansion();
        if (d != null) {
            String f = "skills." + id + ".";
            timeout = agree(f + "timeout_seconds", timeout, d.timeoutSeconds(), problems);
            idempotent = agreeFlag(f + "idempotent", idempotent, d.idempotent(), problems);
            Integer retries = agree(f + "max_retries", maxRetries == 0 ? null : maxRetries, d.maxRetries(), problems);
            maxRetries = retries == null ? 0 : retries;
            cost = agree(f + "cost_class", cost, d.costClass(), problems);
            scope = agreeFlag(f + "allow_scope_expansion", scope, d.allowScopeExpansion(), problems);
        }
        return new SkillPolicy(timeout, idempotent, maxRetries, cost, scope);
    }

    private static <T> T agree(String field, T code, T yaml, List<String> problems) {
        if (code != null && yaml != null && !code.equals(yaml)) {
            problems.add(field + ": a2a.yaml says " + yaml + ", the code (@Skill) says " + code);
        }
        return code != null ? code : yaml;
    }

    // An annotation cannot say "not declared" for a boolean: false counts as not declared.
    private static boolean agreeFlag(String field, boolean code, Boolean yaml, List<String> problems) {
        if (code && yaml != null && !yaml) {
            problems.add(field + ": a2a.yaml says false, the code (@Skill) says true");
        }
        return code || (yaml != null && yaml);
    }

    private static void compareRuntime(A2aYaml.RuntimeDecl y, AgentRuntime c, List<String> problems) {
        check("runtime.lifecycle", y.lifecycle(), c.lifecycle(), problems);
        check("runtime.state", y.state(), c.state(), problems);
        check("runtime.sandbox", y.sandbox(), c.sandbox(), problems);
        check("runtime.resources.cpu", y.cpu(), c.resources().cpu(), problems);
        check("runtime.resources.memory", y.memory(), c.resources().memory(), problems);
        check("runtime.resources.gpu", y.gpu(), c.resources().gpu(), problems);
        check("runtime.resources.max_runtime_seconds", y.maxRuntimeSeconds(), c.resources().maxRuntimeSeconds(), problems);
        check("runtime.concurrency", y.concurrency(), c.concurrency(), problems);
        check("runtime.egress.allow_hosts", y.allowHosts(), c.egress().allowHosts(), problems);
        check("runtime.egress.allow_internal_services", y.allowInternalServices(), c.egress().allowInternalServices(), problems);
        check("runtime.egress.deny_internet_by_default", y.denyInternetByDefault(), c.egress().denyInternetByDefault(), problems);
        check("runtime.tools_used", y.toolsUsed(), c.toolsUsed(), problems);
    }

    private static void check(String field, Object yaml, Object code, List<String> problems) {
        if (yaml != null && !Objects.equals(yaml, code)) {
            problems.add(field + ": a2a.yaml says " + wire(yaml) + ", the code (runtime()) says " + wire(code));
        }
    }

    private static String wire(Object v) {
        return v instanceof Enum<?> e ? e.name().toLowerCase() : String.valueOf(v);
    }

    public A2aYaml yaml() {
        return yaml;
    }

    public Object agent() {
        return agent;
    }

    /** Skills by id, sorted by method name (stable across JVMs). */
    public Map<String, SkillModel> skills() {
        return skills;
    }

    public SkillModel skill(String id) {
        return skills.get(id);
    }

    /** The skill plain text goes to, or null (see the class comment). */
    public SkillModel defaultSkill() {
        return defaultSkill;
    }

    public AgentRuntime runtime() {
        return runtime;
    }

    public LlmMode llmMode() {
        return llmMode;
    }
}
