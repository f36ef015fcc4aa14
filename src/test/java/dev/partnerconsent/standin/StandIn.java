package dev.partnerconsent.standin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field {@link StandInExtension} fills with a running stand-in (or a client of one), chosen by the field's type.
 * A static field lives for the test class; an instance field for one test.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface StandIn {
}
