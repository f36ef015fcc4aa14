package dev.partnerconsent.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides a consent's {@link HealthState} and re-consent-by date; the first rule that applies wins, worst first:
 * <ol>
 *   <li>needs re-consent: marked so, the last answer's code means so ({@link FailureEffect#RECONSENT}), or the
 *   re-consent-by date has passed;</li>
 *   <li>MFA missing: the token has no MFA evidence, or the last answer was Partner Center's 900421;</li>
 *   <li>failing: the last attempt failed with any other code;</li>
 *   <li>expiring: the re-consent-by date is within 14 days;</li>
 *   <li>never refreshed: no refresh has succeeded since it was stored;</li>
 *   <li>healthy.</li>
 * </ol>
 */
public final class HealthRules {

    /** An unused refresh token dies after 90 days (Entra's inactivity lifetime). */
    public static final Duration INACTIVE_LIFETIME = Duration.ofDays(90);
    public static final Duration EXPIRING_BAND = Duration.ofDays(14);

    private HealthRules() {
    }

    public static ConsentHealth assess(ConsentFacts f, Instant now) {
        Optional<String> failure = f.lastOutcome().filter(o -> !"ok".equals(o));
        FailureEffect effect = failure.map(FailureEffect::of).orElse(null);
        Instant reconsentBy = f.lastIssuedAt().plus(INACTIVE_LIFETIME);
        if (effect == FailureEffect.RECONSENT && f.lastAttemptAt().isPresent() && f.lastAttemptAt().get().isBefore(reconsentBy)) {
            reconsentBy = f.lastAttemptAt().get(); // Entra ended it then, whatever the 90 days said
        }
        boolean idleTooLong = !f.lastIssuedAt().plus(INACTIVE_LIFETIME).isAfter(now);
        if (f.needsReconsent() || effect == FailureEffect.RECONSENT || idleTooLong) {
            // the cause: Entra's answer when it said so, else the code Entra gives a token unused for 90 days
            Optional<String> cause = effect == FailureEffect.RECONSENT ? failure
                    : idleTooLong ? Optional.of("AADSTS700082") : failure;
            return new ConsentHealth(HealthState.NEEDS_RECONSENT, reconsentBy, cause);
        }
        if (!f.mfa() || effect == FailureEffect.MFA) {
            return new ConsentHealth(HealthState.MFA_MISSING, reconsentBy, Optional.of(failure.orElse("mfa-missing")));
        }
        if (effect == FailureEffect.TRANSIENT) {
            return new ConsentHealth(HealthState.FAILING, reconsentBy, failure);
        }
        if (!reconsentBy.isAfter(now.plus(EXPIRING_BAND))) {
            return new ConsentHealth(HealthState.EXPIRING, reconsentBy, Optional.empty());
        }
        if (f.lastRefreshedAt().isEmpty()) {
            return new ConsentHealth(HealthState.NEVER_REFRESHED, reconsentBy, Optional.empty());
        }
        return new ConsentHealth(HealthState.HEALTHY, reconsentBy, Optional.empty());
    }
}
