package dev.partnerconsent.signin;

import dev.partnerconsent.diagnostics.FailureCode;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/**
 * The parameters of a callback, from the query (response_mode=query) or a form post (response_mode=form_post).
 * A parameter given twice is refused, as RFC 6749 requires.
 */
record CallbackParameters(Optional<String> code, Optional<String> state, Optional<String> error,
                          Optional<String> errorDescription, Optional<String> errorUri) {

    static final int MAX_LENGTH = 16_384;

    static CallbackParameters from(HttpServletRequest request) throws dev.partnerconsent.diagnostics.FailureException {
        return new CallbackParameters(one(request, "code"), one(request, "state"), one(request, "error"),
                one(request, "error_description"), one(request, "error_uri"));
    }

    private static Optional<String> one(HttpServletRequest request, String name)
            throws dev.partnerconsent.diagnostics.FailureException {
        String[] values;
        try {
            values = request.getParameterValues(name);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the container could not parse the query or form (broken escapes, too many parameters)
            throw new dev.partnerconsent.diagnostics.FailureException(FailureCode.CALLBACK_MALFORMED,
                    "The callback's parameters could not be read: malformed encoding or too many parameters.");
        }
        if (values == null || values.length == 0) {
            return Optional.empty();
        }
        if (values.length > 1) {
            throw new dev.partnerconsent.diagnostics.FailureException(FailureCode.CALLBACK_MALFORMED,
                    "The callback carries the parameter '" + name + "' more than once.");
        }
        if (values[0].length() > MAX_LENGTH) {
            throw new dev.partnerconsent.diagnostics.FailureException(FailureCode.CALLBACK_MALFORMED,
                    "The callback's parameter '" + name + "' is longer than " + MAX_LENGTH + " characters.");
        }
        return values[0].isEmpty() ? Optional.empty() : Optional.of(values[0]);
    }
}
