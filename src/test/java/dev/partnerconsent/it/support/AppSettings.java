package dev.partnerconsent.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides the app's settings for the in-container test class it marks ({@code key=value}; {@code key=} removes the
 * setting). Payara Micro starts afresh for each test class, so each class can run a differently configured app.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AppSettings {
    String[] value();
}
