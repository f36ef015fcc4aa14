package dev.partnerconsent.standin.entra;

import java.util.Map;

/** Ends request handling with an Entra error; the endpoint decides how it is delivered. */
final class EntraFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final EntraError error;
    private final Map<String, String> values;

    EntraFailure(EntraError error, Map<String, String> values) {
        super("AADSTS" + error.code(), null, false, false);
        this.error = error;
        this.values = Map.copyOf(values);
    }

    EntraError error() {
        return error;
    }

    Map<String, String> values() {
        return values;
    }
}
