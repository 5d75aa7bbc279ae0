package dev.a2acloud.pack.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a2acloud.pack.AgentRuntime;
import dev.a2acloud.pack.EgressPolicy;
import dev.a2acloud.pack.Fixtures;
import dev.a2acloud.pack.LlmMode;
import dev.a2acloud.pack.PackException;
import dev.a2acloud.pack.Resources;
import dev.a2acloud.pack.Sandbox;
import dev.a2acloud.pack.SkillPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentModelTest {
    static final String HEAD = "name: test-agent\nversion: 1.0.0\ndescription: d\nentrypoint: dev.a2acloud.pack.TestAgent\n";

    @Test
    void defaultsFollowTheSeed() {
        AgentRuntime d = AgentRuntime.defaults();
        assertEquals("100m", d.resources().cpu());
        assertEquals("256Mi", d.resources().memory());
        assertEquals(0, d.resources().gpu());
        assertEquals(600, d.resources().maxRuntimeSeconds());
        assertEquals(1, d.concurrency());
        assertEquals(Sandbox.MICROSANDBOX, d.sandbox());
        assertTrue(d.egress().denyInternetByDefault());
        assertEquals(List.of(), d.egress().allowHosts());
    }

    @Test
    void invalidDeclarationsNameTheField() {
        assertEquals("runtime.concurrency", assertThrows(PackException.class, () -> AgentRuntime.defaults().withConcurrency(0)).field());
        assertEquals("runtime.resources.gpu", assertThrows(PackException.class, () -> Resources.defaults().withGpu(-1)).field());
        assertEquals("runtime.resources.memory", assertThrows(PackException.class, () -> Resources.defaults().withMemory("lots")).field());
        assertEquals("runtime.resources.max_runtime_seconds",
                assertThrows(PackException.class, () -> Resources.defaults().withMaxRuntimeSeconds(0)).field());
        assertEquals("runtime.sandbox", assertThrows(PackException.class, () -> Sandbox.ofWire("runtime.sandbox", "docker")).field());
        assertEquals("runtime.egress.allow_hosts[0]", assertThrows(PackException.class, () -> EgressPolicy.allowHosts("bad host")).field());
        assertEquals("max_retries", assertThrows(PackException.class, () -> new SkillPolicy(null, false, -1, null, false)).field());
        assertEquals("timeout_seconds", assertThrows(PackException.class, () -> new SkillPolicy(-2.0, false, 0, null, false)).field());
        assertEquals(LlmMode.AGENT_BYOK, LlmMode.ofWire("llm.mode", "agent_byok"));
        assertEquals("llm.mode", assertThrows(PackException.class, () -> LlmMode.ofWire("llm.mode", "free")).field());
    }

    @Test
    void yamlProblemsNameTheField() {
        assertEquals("name", assertThrows(PackException.class, () -> A2aYaml.parse("version: 1\n")).field());
        assertEquals("runtime.concurency", assertThrows(PackException.class,
                () -> A2aYaml.parse(HEAD + "runtime: {concurency: 2}\n")).field());
        assertEquals("runtime.lifecycle", assertThrows(PackException.class,
                () -> A2aYaml.parse(HEAD + "runtime: {lifecycle: forever}\n")).field());
        assertEquals("runtime.sandbox", assertThrows(PackException.class,
                () -> A2aYaml.parse(HEAD + "runtime: {sandbox: firecracker}\n")).field());
        assertEquals("skills.echo.max_retries", assertThrows(PackException.class,
                () -> A2aYaml.parse(HEAD + "skills: {echo: {max_retries: -1}}\n")).field());
        assertEquals("dependencies[0]", assertThrows(PackException.class,
                () -> A2aYaml.parse(HEAD + "dependencies: [guava]\n")).field());
        assertEquals("a2a.yaml", assertThrows(PackException.class, () -> A2aYaml.parse("name: [\n")).field());
        A2aYaml full = A2aYaml.parse(HEAD + "llm: {mode: caller_provided, model: m}\nfrontend: frontend/app.html\n"
                + "runtime: {resources: {cpu: 250m, max_runtime_seconds: 60}, egress: {allow_hosts: [api.example.com]}}\n");
        assertEquals(LlmMode.CALLER_PROVIDED, full.llmMode());
        assertEquals("app.html", full.frontend().entry());
        assertEquals("250m", full.runtime().toRuntime().resources().cpu());
        assertEquals(List.of("api.example.com"), full.runtime().toRuntime().egress().allowHosts());
    }

    @Test
    void codeAndYamlMustAgree() {
        // TestAgent.runtime() declares concurrency 3 and max_runtime_seconds 30; add is idempotent, cost_class free.
        PackException e = assertThrows(PackException.class, () -> Fixtures.model(HEAD
                + "runtime: {concurrency: 4, resources: {max_runtime_seconds: 30}}\n"
                + "skills: {add: {cost_class: expensive}, slow: {timeout_seconds: 2}, ghost: {}}\n"));
        String m = e.getMessage();
        assertTrue(m.contains("runtime.concurrency: a2a.yaml says 4, the code (runtime()) says 3"), m);
        assertTrue(m.contains("skills.add.cost_class: a2a.yaml says expensive, the code (@Skill) says free"), m);
        assertTrue(m.contains("skills.slow.timeout_seconds: a2a.yaml says 2.0, the code (@Skill) says 0.5"), m);
        assertTrue(m.contains("skills.ghost: a2a.yaml declares a policy"), m);
        assertTrue(!m.contains("max_runtime_seconds"), "agreeing values are not reported: " + m);
    }

    @Test
    void valuesStatedOnOneSideAreTaken() {
        AgentModel model = Fixtures.model(HEAD + "skills: {echo: {timeout_seconds: 3, max_retries: 2}}\n");
        assertEquals(3.0, model.skill("echo").policy().timeoutSeconds());
        assertEquals(2, model.skill("echo").policy().maxRetries());
        assertEquals(3, model.runtime().concurrency());
        assertEquals(LlmMode.PLATFORM, model.llmMode());
    }

    @Test
    void defaultSkillRules() {
        assertEquals("echo", Fixtures.model(HEAD).defaultSkill().id());
        assertEquals("text", Fixtures.model(HEAD).defaultSkill().textParameter());
        PackException e = assertThrows(PackException.class, () -> Fixtures.model(HEAD + "default_skill: add\n"));
        assertTrue(e.getMessage().contains("default_skill: a2a.yaml says 'add', the code marks 'echo'"), e.getMessage());
        assertThrows(PackException.class, () -> Fixtures.model(HEAD + "default_skill: nope\n"));
        assertNull(Fixtures.model(HEAD).skill("add").textParameter());
    }

    @Test
    void unknownEntrypointIsNamed() {
        PackException e = assertThrows(PackException.class, () -> Fixtures.model(
                "name: x\nversion: 1.0.0\ndescription: d\nentrypoint: agent.Missing\n"));
        assertEquals("entrypoint", e.field());
    }
}
