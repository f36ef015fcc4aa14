package dev.partnerconsent.alerts;

import dev.partnerconsent.diagnostics.FailureCode;

/**
 * A channel did not take an alert: the catalogue's code for why (refused, timed out, unreachable, mail failed) and a
 * message naming the status or timeout, never a credential.
 */
public final class DeliveryFailed extends Exception {

    private static final long serialVersionUID = 1L;

    private final FailureCode code;

    public DeliveryFailed(FailureCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public FailureCode code() {
        return code;
    }
}
