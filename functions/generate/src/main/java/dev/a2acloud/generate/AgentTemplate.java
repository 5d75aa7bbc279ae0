package dev.a2acloud.generate;

import java.util.Map;

/** The A2A Pack project template, with the agent's name and version filled in: project-relative path → bytes. */
public interface AgentTemplate {
    Map<String, byte[]> files(String agent, String version);
}
