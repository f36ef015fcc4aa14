package dev.partnerconsent.alerts;

/** A channel did not take an alert; the message says why (a status, a timeout), never a credential. */
public final class DeliveryFailed extends Exception {

    private static final long serialVersionUID = 1L;

    public DeliveryFailed(String message) {
        super(message, null, false, false);
    }
}
