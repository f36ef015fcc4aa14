package dev.partnerconsent.standin.keyvault;

import dev.partnerconsent.standin.Share;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Faults a test switches on from Java. Every method takes the operations it applies to; none means every secrets
 * operation (not {@link Operation#TOKEN}, which must be named). Forbidden, throttled and failing answers only hit
 * authenticated calls, so the SDK's 401 challenge round trip never uses them up; latency hits every call.
 *
 * <p>A "share" is deterministic, not random: share 0.25 hits exactly every fourth matching call, so tests can count.
 */
public final class Faults {

    /** A status answer chosen for a call: 403, 429 (with {@code retryAfter}) or 5xx. */
    record Injected(int status, Duration retryAfter) {
    }

    private record Forbid(Set<Operation> operations, String principalId) {
        boolean applies(Operation operation, Principal caller) {
            return operations.contains(operation) && (principalId == null || caller.matches(principalId));
        }
    }

    /** Fires for the next {@code remaining} matching calls, or (remaining &lt; 0) for a share of them. */
    private static final class Rule {
        final Set<Operation> operations;
        final int status;
        final Duration duration;
        final Share share;
        int remaining;

        Rule(Set<Operation> operations, int status, Duration duration, int remaining, double share) {
            this.operations = operations;
            this.status = status;
            this.duration = duration;
            this.remaining = remaining;
            this.share = remaining < 0 ? new Share(share) : null;
        }

        boolean fires(Operation operation) {
            if (!operations.contains(operation)) {
                return false;
            }
            if (remaining >= 0) {
                return remaining-- > 0;
            }
            return share.next();
        }

        boolean exhausted() {
            return remaining == 0;
        }
    }

    private final List<Forbid> forbids = new ArrayList<>();
    private final List<Rule> statusRules = new ArrayList<>();
    private final List<Rule> delayRules = new ArrayList<>();
    private PermissionModel permissionModel = PermissionModel.ACCESS_POLICY;

    Faults() {
    }

    /** 403 for these operations, whoever calls. */
    public synchronized Faults forbid(Operation... operations) {
        forbids.add(new Forbid(vaultScope(operations), null));
        return this;
    }

    /** 403 for these operations when the caller is {@code principalId} (a client id or an object id). */
    public synchronized Faults forbidFor(String principalId, Operation... operations) {
        forbids.add(new Forbid(vaultScope(operations), Objects.requireNonNull(principalId)));
        return this;
    }

    /** Which of Key Vault's 403 bodies a forbidden call gets; access policies unless set. */
    public synchronized Faults permissionModel(PermissionModel model) {
        this.permissionModel = Objects.requireNonNull(model);
        return this;
    }

    /** 429 with {@code Retry-After} for the next {@code calls} matching calls. */
    public synchronized Faults throttleNext(int calls, Duration retryAfter, Operation... operations) {
        statusRules.add(new Rule(scope(operations), 429, positive(retryAfter), count(calls), 0));
        return this;
    }

    /** 429 with {@code Retry-After} for a share (0..1] of matching calls, until reset. */
    public synchronized Faults throttleShare(double share, Duration retryAfter, Operation... operations) {
        statusRules.add(new Rule(scope(operations), 429, positive(retryAfter), -1, share(share)));
        return this;
    }

    /** {@code status} (5xx, e.g. 500 or 503) for the next {@code calls} matching calls. */
    public synchronized Faults failNext(int status, int calls, Operation... operations) {
        statusRules.add(new Rule(scope(operations), serverError(status), Duration.ZERO, count(calls), 0));
        return this;
    }

    /** {@code status} (5xx) for a share (0..1] of matching calls, until reset. */
    public synchronized Faults failShare(int status, double share, Operation... operations) {
        statusRules.add(new Rule(scope(operations), serverError(status), Duration.ZERO, -1, share(share)));
        return this;
    }

    /** Adds {@code delay} before every matching call is answered. */
    public synchronized Faults latency(Duration delay, Operation... operations) {
        delayRules.add(new Rule(scope(operations), 0, positive(delay), -1, 1.0));
        return this;
    }

    /** Holds a share (0..1] of matching calls for {@code stall} before answering. */
    public synchronized Faults stallShare(double share, Duration stall, Operation... operations) {
        delayRules.add(new Rule(scope(operations), 0, positive(stall), -1, share(share)));
        return this;
    }

    /** Back to a healthy vault with access policies. */
    public synchronized void reset() {
        forbids.clear();
        statusRules.clear();
        delayRules.clear();
        permissionModel = PermissionModel.ACCESS_POLICY;
    }

    synchronized PermissionModel currentPermissionModel() {
        return permissionModel;
    }

    synchronized Duration delayFor(Operation operation) {
        Duration total = Duration.ZERO;
        for (Rule rule : delayRules) {
            if (rule.fires(operation)) {
                total = total.plus(rule.duration);
            }
        }
        return total;
    }

    synchronized boolean isForbidden(Operation operation, Principal caller) {
        return forbids.stream().anyMatch(f -> f.applies(operation, caller));
    }

    synchronized Optional<Injected> statusFor(Operation operation) {
        for (Iterator<Rule> it = statusRules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            boolean fires = rule.fires(operation);
            if (rule.exhausted()) {
                it.remove();
            }
            if (fires) {
                return Optional.of(new Injected(rule.status, rule.duration));
            }
        }
        return Optional.empty();
    }

    private static Set<Operation> scope(Operation... operations) {
        return operations.length == 0 ? Operation.vaultOperations() : EnumSet.of(operations[0], operations);
    }

    private static Set<Operation> vaultScope(Operation... operations) {
        Set<Operation> scope = scope(operations);
        if (scope.contains(Operation.TOKEN)) {
            throw new IllegalArgumentException("Token endpoints do not answer 403; forbid vault operations instead");
        }
        return scope;
    }

    private static int count(int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1: " + calls);
        }
        return calls;
    }

    private static double share(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1]: " + share);
        }
        return share;
    }

    private static int serverError(int status) {
        if (status < 500 || status > 599) {
            throw new IllegalArgumentException("Not a server error status: " + status);
        }
        return status;
    }

    private static Duration positive(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Negative duration: " + duration);
        }
        return duration;
    }
}
