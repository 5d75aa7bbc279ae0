package dev.a2acloud.pack;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A project test under {@code tests/}, run by {@code PackTool test}. The method is public, returns void and takes
 * either nothing or an {@link AgentTestClient}; it fails by throwing (e.g. {@link AssertionError}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AgentTest {
}
