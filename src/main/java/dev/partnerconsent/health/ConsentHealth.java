package dev.partnerconsent.health;

import java.time.Instant;
import java.util.Optional;

/**
 * One consent's health.
 *
 * @param reconsentBy the date a new consent is needed by: the earliest of the last issue + 90 days and a limit Entra's
 *                    answers set (a revocation or a sign-in-frequency refusal ends it when it is met)
 * @param cause       the catalogue code behind the state, when a failure is
 */
public record ConsentHealth(HealthState state, Instant reconsentBy, Optional<String> cause) {
}
