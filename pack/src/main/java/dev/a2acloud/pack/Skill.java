package dev.a2acloud.pack;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of the agent class as an A2A skill. Parameters become the skill's {@code input_schema}
 * (by parameter name; describe them with {@link Param}), the return type its {@code output_schema}. A parameter of
 * type {@link RunContext} is injected, not part of the schema.
 *
 * <p>Policy attributes left at their defaults are "not declared": a2a.yaml may then declare them; when both declare
 * a value they must agree.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Skill {
    /** Skill id; defaults to the method name. Lower case letters, digits, '-' and '_'. */
    String id() default "";

    /** Human readable name; defaults to the id. */
    String name() default "";

    String description();

    String[] tags() default {};

    String[] examples() default {};

    /**
     * This skill answers plain text messages (a TextPart without a DataPart naming a skill). At most one skill may
     * say so; see {@code AgentModel} for how the default is chosen when none does.
     */
    boolean defaultForText() default false;

    /** Seconds before the run is stopped and the task fails; 0 = not declared (the runtime max applies). */
    double timeoutSeconds() default 0;

    boolean idempotent() default false;

    int maxRetries() default 0;

    /** Free-form cost hint for callers and schedulers, e.g. {@code low}, {@code llm}, {@code sandbox}. */
    String costClass() default "";

    boolean allowScopeExpansion() default false;
}
