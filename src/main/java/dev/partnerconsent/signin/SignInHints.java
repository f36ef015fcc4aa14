package dev.partnerconsent.signin;

import dev.partnerconsent.diagnostics.FailureCode;

import dev.partnerconsent.diagnostics.FailureException;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The optional {@code login_hint} / {@code domain_hint} passed through to Entra ID, checked first so that
 * nothing but a user name or a domain reaches the authorize URL.
 */
public record SignInHints(Optional<String> loginHint, Optional<String> domainHint) {

    private static final Pattern LOGIN_HINT = Pattern.compile("^[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,190}$");
    private static final Pattern DOMAIN_HINT = Pattern.compile(
            "^([A-Za-z0-9-]{1,63}\\.)+[A-Za-z]{2,63}$|^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$|^organizations$|^consumers$");

    public static SignInHints parse(String loginHint, String domainHint) throws FailureException {
        Optional<String> login = blankToEmpty(loginHint);
        Optional<String> domain = blankToEmpty(domainHint);
        if (login.isPresent() && !LOGIN_HINT.matcher(login.get()).matches()) {
            throw new FailureException(FailureCode.BAD_HINT, "The login_hint parameter is not a user name such as admin@contoso.onmicrosoft.com.");
        }
        if (domain.isPresent() && (domain.get().length() > 253 || !DOMAIN_HINT.matcher(domain.get()).matches())) {
            throw new FailureException(FailureCode.BAD_HINT, "The domain_hint parameter is not a domain name or tenant id.");
        }
        return new SignInHints(login, domain);
    }

    private static Optional<String> blankToEmpty(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
