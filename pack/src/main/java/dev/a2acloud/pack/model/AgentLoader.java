package dev.a2acloud.pack.model;

import dev.a2acloud.pack.PackException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Loads an agent from a class loader that holds its classes and {@code a2a.yaml} at the root (a compiled agent jar). */
public final class AgentLoader {
    private AgentLoader() {
    }

    public static AgentModel load(ClassLoader loader) {
        return AgentModel.load(loader, A2aYaml.parse(readYaml(loader)));
    }

    public static String readYaml(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream("a2a.yaml")) {
            if (in == null) {
                throw PackException.invalid("a2a.yaml", "is not on the class path; an agent jar holds a2a.yaml at its "
                        + "root (PackTool compile puts it there)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PackException("could not read a2a.yaml from the agent: " + e.getMessage());
        }
    }
}
