package dev.partnerconsent.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Anti-forgery check for state-changing requests made with the browser session: the page's hidden field
 * {@value #FIELD}, or the {@value #HEADER} header for scripts. Bearer-token calls carry no ambient credential and
 * need neither.
 */
public final class Csrf {

    public static final String FIELD = "csrf";
    public static final String HEADER = "X-CSRF-Token";

    private Csrf() {
    }

    public static boolean matches(OperatorIdentity identity, String presented) {
        return presented != null && identity.csrf() != null && !identity.csrf().isEmpty()
                && MessageDigest.isEqual(identity.csrf().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
