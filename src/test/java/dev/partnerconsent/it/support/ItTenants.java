package dev.partnerconsent.it.support;

import dev.partnerconsent.standin.entra.DemoTenants;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The partner tenants the in-container tests sign in with; the app's allowed-tenants list is exactly these. */
public final class ItTenants {

    public static final String ALPHA = "a1f0c7e2-3b4d-4c5e-8f60-718293a4b5c6";
    public static final String BRAVO = "b2e1d8f3-4c5e-4d6f-9071-8293a4b5c6d7";
    public static final String CHARLIE = "c3f2e9a4-5d6f-4e70-a182-93a4b5c6d7e8";
    public static final String DELTA = "d4a3fab5-6e70-4f81-b293-a4b5c6d7e8f9";
    public static final String ECHO = "e5b4abc6-7f81-4a92-83a4-b5c6d7e8f9a0";
    /** Signs in fine at Entra ID but is not on the allowed list. */
    public static final String OUTSIDER = "f6c5bcd7-8092-4ba3-94b5-c6d7e8f9a0b1";

    public static final List<String> ALLOWED = Stream.concat(
            Stream.of(ALPHA, BRAVO, CHARLIE, DELTA, ECHO),
            DemoTenants.ALL.stream().map(t -> t.id())).toList();

    private ItTenants() {
    }

    public static String allowedSetting() {
        return ALLOWED.stream().collect(Collectors.joining(","));
    }
}
