package dev.partnerconsent.standin.entra;

import dev.partnerconsent.standin.Share;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unreliability of the token endpoint for fault and load tests: a share of grants answered with an error, or held
 * before they are handled. Unlike a {@link ScriptedFailure} (which answers every matching request, or one), a share
 * hits some requests and lets the others through, as a flaky service does.
 *
 * <p>A share is deterministic, as in the Key Vault emulator: share 0.25 hits exactly every fourth matching grant, so
 * tests can count. A stalled grant is handled after the stall, whether or not the caller still waits: a slow service
 * does the work even for a client that has given up.
 */
public final class TokenFaults {

    /** How a failing grant is answered: an Entra error, or a bare 5xx from the service's front end. */
    sealed interface Answer permits EntraAnswer, Unavailable {
    }

    /** Entra's own error reply, AADSTS code and trace ids included, with the error's HTTP status. */
    record EntraAnswer(EntraError error) implements Answer {
    }

    /**
     * A 5xx with {@code temporarily_unavailable} and trace ids but no AADSTS code: the front end answering while the
     * service behind it is down.
     */
    record Unavailable(int status) implements Answer {
    }

    private static final class ShareRule<T> {
        final Set<Stage> stages;
        final Share share;
        final T what;

        ShareRule(Set<Stage> stages, double share, T what) {
            this.stages = stages;
            this.share = new Share(share);
            this.what = what;
        }

        boolean fires(Stage stage) {
            return stages.contains(stage) && share.next();
        }
    }

    private final List<ShareRule<Answer>> failures = new ArrayList<>();
    private final List<ShareRule<Duration>> stalls = new ArrayList<>();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong stalled = new AtomicLong();

    TokenFaults() {
    }

    /** Answers {@code error} (with its own HTTP status) for a share (0..1] of grants at these stages, until reset. */
    public synchronized TokenFaults errorShare(double share, EntraError error, Stage... stages) {
        failures.add(new ShareRule<>(grants(stages), share, new EntraAnswer(error)));
        return this;
    }

    /** Answers a bare {@code status} (5xx) {@code temporarily_unavailable} for a share (0..1] of grants, until reset. */
    public synchronized TokenFaults unavailableShare(double share, int status, Stage... stages) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("Not a server error status: " + status);
        }
        failures.add(new ShareRule<>(grants(stages), share, new Unavailable(status)));
        return this;
    }

    /** Holds a share (0..1] of grants at these stages for {@code stall} before handling them, until reset. */
    public synchronized TokenFaults stallShare(double share, Duration stall, Stage... stages) {
        if (stall.isNegative()) {
            throw new IllegalArgumentException("Negative stall: " + stall);
        }
        stalls.add(new ShareRule<>(grants(stages), share, stall));
        return this;
    }

    /** Back to a reliable token endpoint; the counters stay. */
    public synchronized void reset() {
        failures.clear();
        stalls.clear();
    }

    /** Grants answered with an injected error so far. */
    public long failed() {
        return failed.get();
    }

    /** Grants held by an injected stall so far. */
    public long stalled() {
        return stalled.get();
    }

    synchronized Duration stallFor(Stage stage) {
        Duration total = Duration.ZERO;
        for (ShareRule<Duration> rule : stalls) {
            if (rule.fires(stage)) {
                total = total.plus(rule.what);
            }
        }
        if (!total.isZero()) {
            stalled.incrementAndGet();
        }
        return total;
    }

    synchronized Optional<Answer> failureFor(Stage stage) {
        for (ShareRule<Answer> rule : failures) {
            if (rule.fires(stage)) {
                failed.incrementAndGet();
                return Optional.of(rule.what);
            }
        }
        return Optional.empty();
    }

    /** The token endpoint's grants only: the redirect has its own scripted failures. */
    private static Set<Stage> grants(Stage... stages) {
        Set<Stage> set = stages.length == 0 ? EnumSet.of(Stage.CODE_GRANT, Stage.REFRESH_GRANT)
                : EnumSet.of(stages[0], stages);
        if (set.contains(Stage.REDIRECT)) {
            throw new IllegalArgumentException("Token faults apply to grants; script the redirect with ScriptedFailure");
        }
        return set;
    }
}
