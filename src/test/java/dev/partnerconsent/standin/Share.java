package dev.partnerconsent.standin;

/**
 * A deterministic share of events for fault injection: share 0.25 fires on exactly every fourth event, so tests can
 * count what was hit instead of hoping a random draw did. Not thread-safe: the fault holder synchronises.
 */
public final class Share {

    private final double share;
    private double credit;

    public Share(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1]: " + share);
        }
        this.share = share;
    }

    /** Counts one event; true when this one falls in the share. */
    public boolean next() {
        credit += share;
        if (credit >= 1 - 1e-9) {
            credit -= 1;
            return true;
        }
        return false;
    }
}
