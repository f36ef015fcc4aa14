package dev.partnerconsent.standin.entra;

import java.util.Locale;

/**
 * The parameters of an authorize request, as sent in the query string (also when the sign-in
 * form is posted back, so the POST needs no server-side session).
 */
record AuthorizeRequest(Authority authority, String rawQuery, String clientId, String redirectUri,
                        String responseType, String responseMode, Scopes scopes, String state, String nonce,
                        String codeChallenge, String codeChallengeMethod, String prompt, String loginHint,
                        String domainHint, String amrValues) {

    static AuthorizeRequest from(Authority authority, String rawQuery, Http.Params q) {
        return new AuthorizeRequest(authority, rawQuery == null ? "" : rawQuery,
                q.nonBlank("client_id"), q.nonBlank("redirect_uri"), q.nonBlank("response_type"),
                q.nonBlank("response_mode"), Scopes.parse(q.get("scope")), q.get("state"), q.get("nonce"),
                q.nonBlank("code_challenge"), q.nonBlank("code_challenge_method"), q.nonBlank("prompt"),
                q.nonBlank("login_hint"), q.nonBlank("domain_hint"), q.nonBlank("amr_values"));
    }

    boolean formPost() {
        return "form_post".equals(responseMode);
    }

    boolean fragment() {
        return "fragment".equals(responseMode);
    }

    /** The tenant the page proposes: the authority's own, else one named by domain_hint or login_hint. */
    String proposedTenant() {
        if (authority.isTenant()) {
            return authority.segment();
        }
        if (Authority.isGuid(domainHint)) {
            return domainHint.toLowerCase(Locale.ROOT);
        }
        return DemoTenants.byDomainOf(domainHint).or(() -> DemoTenants.byDomainOf(loginHint))
                .map(DemoTenant::id).orElse("");
    }
}
