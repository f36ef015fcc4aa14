package dev.partnerconsent.bench.baseline;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.ClaimsDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.PromptType;

/**
 * The baseline of the consent benchmark: the same sign-in (code flow, prompt=login, amr_values=mfa, a refresh token)
 * through the server's own OpenID Connect support (Jakarta Security 3.0, which Payara implements), and nothing else:
 * no Key Vault, no MFA check, no PKCE (Jakarta Security 3.0 has none; the benchmark registers this client with PKCE
 * optional). Its settings come from system properties (Payara Micro's {@code --systemProperties}), through EL.
 */
@ApplicationScoped
@Named("baseline")
@OpenIdAuthenticationMechanismDefinition(
        providerURI = "${baseline.authority}",
        clientId = "${baseline.clientId}",
        clientSecret = "${baseline.clientSecret}",
        redirectURI = "${baseURL}/callback",
        // Only scopes the provider metadata lists: the server refuses others (Entra's metadata, like the stand-in's,
        // lists openid, profile, email and offline_access), so no Partner Center scope here
        scope = {"openid", "profile", "offline_access"},
        prompt = PromptType.LOGIN,
        // Groups from a claim the tokens carry, so the server does not fall back to a userinfo request (Soteria asks
        // the userinfo endpoint when neither token has the groups claim): PartnerConsent makes no such call either
        claimsDefinition = @ClaimsDefinition(callerGroupsClaim = "amr"),
        extraParameters = {"amr_values=mfa"})
public class BaselineSignIn {

    public String getAuthority() {
        return System.getProperty("baseline.authority");
    }

    public String getClientId() {
        return System.getProperty("baseline.client-id");
    }

    public String getClientSecret() {
        return System.getProperty("baseline.client-secret");
    }
}
