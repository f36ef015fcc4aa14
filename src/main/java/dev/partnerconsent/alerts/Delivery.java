package dev.partnerconsent.alerts;

import java.util.Optional;

/**
 * One attempt to hand an alert to a channel, for the audit trail.
 *
 * @param attempt 1 for the first try
 * @param outcome {@code delivered}, {@code retrying}, {@code failed} (no retry left) or {@code dropped} (too many waiting)
 * @param reason  why it failed (a status, a timeout), when it did
 */
public record Delivery(Alert alert, String channel, int attempt, String outcome, Optional<String> reason) {
}
