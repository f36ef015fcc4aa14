package dev.partnerconsent.diagnostics;

/**
 * Carries a {@link Failure} out of the code that met it, to the page that explains it.
 * Its message is the failure's safe detail; it never wraps a cause whose message could hold a secret.
 */
public class FailureException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Failure failure;

    public FailureException(Failure failure) {
        super(failure.code() + ": " + failure.detail(), null, false, false);
        this.failure = failure;
    }

    /** One of ours, answered with the catalogue's status for it. */
    public FailureException(FailureCode code, String detail) {
        this(Failure.of(code, detail));
    }

    public Failure failure() {
        return failure;
    }
}
