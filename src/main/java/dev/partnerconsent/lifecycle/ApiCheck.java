package dev.partnerconsent.lifecycle;

import java.util.Optional;

/**
 * The outcome of one API call of an access check.
 *
 * @param api     {@code Partner Center} or {@code Microsoft Graph}
 * @param request what was called, e.g. {@code GET /v1/profiles/organization}
 * @param code    {@code ok} or the failure code (an AADSTS code, {@code AADSTS900421}, {@code partner-center-refused}...)
 * @param status  the API's HTTP status, when it was reached
 * @param mfa     whether the access token carried MFA evidence ({@code amr} holds {@code mfa}), when one was issued
 * @param detail  what happened, safe to show (never a token)
 */
public record ApiCheck(String api, String request, String code, Optional<Integer> status, Optional<Boolean> mfa,
                       String detail) {

    public boolean ok() {
        return "ok".equals(code);
    }
}
