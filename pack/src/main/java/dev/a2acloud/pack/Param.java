package dev.a2acloud.pack;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Describes a skill parameter in the input schema. Parameters are required unless {@code optional = true}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Param {
    /** The description shown in the schema. */
    String value() default "";

    /** An optional parameter may be absent; it is then null (or 0/false for primitives). */
    boolean optional() default false;
}
