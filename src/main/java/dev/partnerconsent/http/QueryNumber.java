package dev.partnerconsent.http;

import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;

/** A page number or size from a query parameter: a whole number from 0, or {@code bad-request} naming the parameter. */
public final class QueryNumber {

    private QueryNumber() {
    }

    public static int of(String name, String raw, int fallback) throws FailureException {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new FailureException(FailureCode.BAD_REQUEST, "'" + shown(raw) + "' is not a valid " + name
                + " (a whole number from 0).");
    }

    /** Echoes a bad value safely: only harmless characters, and not much of it. */
    public static String shown(String s) {
        String safe = s.replaceAll("[^A-Za-z0-9:._+-]", "?");
        return safe.length() > 40 ? safe.substring(0, 40) + "…" : safe;
    }
}
