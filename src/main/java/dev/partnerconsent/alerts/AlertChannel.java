package dev.partnerconsent.alerts;

/** Somewhere alerts go. Implementations block while they deliver; {@link AlertDispatcher} calls them off the caller's thread. */
public interface AlertChannel {

    /** As audit rows and the setup check name it, e.g. {@code webhook (teams)} or {@code mail}. */
    String name();

    void deliver(Alert alert) throws DeliveryFailed;
}
