package dev.partnerconsent.alerts;

/** Where every delivery attempt is recorded (the audit trail in the app). Must not throw or block for long. */
@FunctionalInterface
public interface DeliveryRecords {

    void record(Delivery delivery);
}
