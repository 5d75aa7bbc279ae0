package dev.a2acloud.pack;

import dev.a2acloud.pack.model.A2aYaml;
import dev.a2acloud.pack.model.AgentModel;

public final class Fixtures {
    public static final String YAML = """
            name: test-agent
            version: 1.2.3
            description: The runtime test agent
            entrypoint: dev.a2acloud.pack.TestAgent
            llm:
              mode: platform_or_caller_provided
              model: test-model
            runtime:
              concurrency: 3
            skills:
              echo: {timeout_seconds: 5}
            """;

    private Fixtures() {
    }

    public static AgentModel model() {
        return model(YAML);
    }

    public static AgentModel model(String yaml) {
        return AgentModel.load(TestAgent.class.getClassLoader(), A2aYaml.parse(yaml));
    }
}
