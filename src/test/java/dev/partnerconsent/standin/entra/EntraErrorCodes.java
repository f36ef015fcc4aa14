package dev.partnerconsent.standin.entra;

import java.util.List;
import java.util.Optional;

/**
 * Catalogue of AADSTS errors, with the {@code error} value and wording Entra ID uses (modelled on
 * the answers Entra gives; Microsoft changes its texts over time, so callers should match on the
 * code, never on the text). Placeholders in {@code {braces}} are filled per request.
 */
public final class EntraErrorCodes {

    // --- reply URL -------------------------------------------------------------------------
    public static final EntraError AADSTS50011 = EntraError.of(50011, "invalid_request",
            "The redirect URI '{redirectUri}' specified in the request does not match the redirect URIs configured"
                    + " for the application '{clientId}'. Make sure the redirect URI sent in the request matches one added"
                    + " to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to"
                    + " learn more about how to fix this.");
    public static final EntraError AADSTS500112 = EntraError.of(500112, "invalid_grant",
            "The reply address '{redirectUri}' does not match the reply address '{expectedRedirectUri}' provided when"
                    + " requesting Authorization code.");
    public static final EntraError AADSTS500113 = EntraError.of(500113, "invalid_request",
            "No reply address is registered for the application.");

    // --- client credentials and application ------------------------------------------------
    public static final EntraError AADSTS7000215 = EntraError.of(7000215, "invalid_client",
            "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value,"
                    + " not the client secret ID, for a secret added to app '{clientId}'.");
    public static final EntraError AADSTS7000222 = EntraError.of(7000222, "invalid_client",
            "The provided client secret keys for app '{clientId}' are expired. Visit the Azure portal to create new"
                    + " keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for"
                    + " added security: https://aka.ms/certCreds.");
    public static final EntraError AADSTS7000218 = EntraError.of(7000218, "invalid_client",
            "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    public static final EntraError AADSTS700016 = EntraError.of(700016, "unauthorized_client",
            "Application with identifier '{clientId}' was not found in the directory '{tenantName}'. This can happen if"
                    + " the application has not been installed by the administrator of the tenant or consented to by any"
                    + " user in the tenant. You might have sent your authentication request to the wrong tenant.");
    public static final EntraError AADSTS700024 = EntraError.of(700024, "invalid_client",
            "Client assertion is not within its valid time range.");
    public static final EntraError AADSTS700027 = EntraError.of(700027, "invalid_client",
            "Client assertion failed signature validation.");
    public static final EntraError AADSTS50027 = EntraError.of(50027, "invalid_request",
            "JWT token is invalid or malformed.");

    // --- consent and service principals -----------------------------------------------------
    public static final EntraError AADSTS65001 = EntraError.of(65001, "invalid_grant",
            "The user or administrator has not consented to use the application with ID '{clientId}' named"
                    + " '{appName}'. Send an interactive authorization request for this user and resource.")
            .onRedirectAs("consent_required");
    public static final EntraError AADSTS65004 = EntraError.of(65004, "access_denied",
            "User declined to consent to access the app.");
    public static final EntraError AADSTS650052 = EntraError.of(650052, "invalid_client",
            "The app is trying to access a service '{resource}' that your organization '{tenantId}' lacks a service"
                    + " principal for. Contact your IT Admin to review the configuration of your service subscriptions or"
                    + " consent to the application in order to create the required service principal.");
    public static final EntraError AADSTS65005 = EntraError.of(65005, "invalid_client",
            "The application '{appName}' asked for scope '{scope}' that doesn't exist on the resource '{resource}'."
                    + " Contact the app vendor.");

    // --- user and tenant ---------------------------------------------------------------------
    public static final EntraError AADSTS50020 = EntraError.of(50020, "invalid_request",
            "User account '{user}' from identity provider 'https://sts.windows.net/{userTenantId}/' does not exist in"
                    + " tenant '{tenantName}' and cannot access the application '{clientId}'({appName}) in that tenant."
                    + " The account needs to be added as an external user in the tenant first. Sign out and sign in"
                    + " again with a different Azure Active Directory user account.");
    public static final EntraError AADSTS50105 = EntraError.of(50105, "invalid_grant",
            "Your administrator has configured the application {appName} ('{clientId}') to block users unless they are"
                    + " specifically granted ('assigned') access to the application. The signed in user '{user}' is"
                    + " blocked because they are not a direct member of a group with access, nor had access directly"
                    + " assigned by an administrator. Please contact your administrator to assign access to this"
                    + " application.");
    public static final EntraError AADSTS90002 = EntraError.of(90002, "invalid_request",
            "Tenant '{tenantId}' not found. Check to make sure you have the correct tenant ID and are signing into the"
                    + " correct cloud. Check with your subscription administrator, this may happen if there are no"
                    + " active subscriptions for the tenant.");
    public static final EntraError AADSTS50058 = EntraError.of(50058, "invalid_grant",
            "A silent sign-in request was sent but no user is signed in.").onRedirectAs("login_required");

    // --- MFA and conditional access ----------------------------------------------------------
    public static final EntraError AADSTS50076 = EntraError.of(50076, "invalid_grant",
            "Due to a configuration change made by your administrator, or because you moved to a new location, you"
                    + " must use multi-factor authentication to access '{resource}'.")
            .onRedirectAs("interaction_required");
    public static final EntraError AADSTS50078 = EntraError.of(50078, "invalid_grant",
            "Presented multi-factor authentication has expired due to policies configured by your administrator, you"
                    + " must refresh your multi-factor authentication to access '{resource}'.")
            .onRedirectAs("interaction_required");
    public static final EntraError AADSTS53003 = EntraError.of(53003, "interaction_required",
            "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.");
    public static final EntraError AADSTS70043 = EntraError.of(70043, "invalid_grant",
            "The refresh token has expired or is invalid due to sign-in frequency checks by conditional access. The"
                    + " token was issued on {issuedOn} and the maximum allowed lifetime for this request is 43200.");

    // --- grants ------------------------------------------------------------------------------
    public static final EntraError AADSTS700082 = EntraError.of(700082, "invalid_grant",
            "The refresh token has expired due to inactivity. The token was issued on {issuedOn} and was inactive for"
                    + " 90.00:00:00.");
    public static final EntraError AADSTS50173 = EntraError.of(50173, "invalid_grant",
            "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have"
                    + " changed or reset their password. The grant was issued on '{issuedOn}' and the TokensValidFrom"
                    + " date (before which tokens are not valid) for this user is '{validFrom}'.");
    public static final EntraError AADSTS70000 = EntraError.of(70000, "invalid_grant",
            "Provided grant is invalid or malformed.");
    /** The project's reading of 700007 (a token of another client); check Microsoft's table before relying on it. */
    public static final EntraError AADSTS700007 = EntraError.of(700007, "invalid_grant",
            "The provided grant was issued to a different client than '{clientId}'.");
    public static final EntraError AADSTS54005 = EntraError.of(54005, "invalid_grant",
            "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing"
                    + " refresh token.");
    public static final EntraError AADSTS700005 = EntraError.of(700005, "invalid_grant",
            "Provided Authorization Code is intended to use against other tenant, thus rejected.");
    public static final EntraError AADSTS501481 = EntraError.of(501481, "invalid_grant",
            "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
    public static final EntraError AADSTS9002313 = EntraError.of(9002313, "invalid_grant",
            "Invalid request. Request is malformed or invalid.");

    // --- request shape -----------------------------------------------------------------------
    public static final EntraError AADSTS900144 = EntraError.of(900144, "invalid_request",
            "The request body must contain the following parameter: '{parameter}'.");
    public static final EntraError AADSTS70003 = EntraError.of(70003, "unsupported_grant_type",
            "The app requested an unsupported grant type '{grantType}'.");
    public static final EntraError AADSTS700054 = EntraError.of(700054, "unsupported_response_type",
            "response_type '{responseType}' is not enabled for the application.");
    public static final EntraError AADSTS28000 = EntraError.of(28000, "invalid_scope",
            "Provided value for the input parameter scope is not valid because it contains more than one resource."
                    + " Scope {scope} is not valid.");

    /** Every entry above, for look-ups and the local {@code /error?code=} page. */
    public static final List<EntraError> ALL = List.of(
            AADSTS50011, AADSTS500112, AADSTS500113, AADSTS7000215, AADSTS7000222, AADSTS7000218, AADSTS700016,
            AADSTS700024, AADSTS700027, AADSTS50027, AADSTS65001, AADSTS65004, AADSTS650052, AADSTS65005,
            AADSTS50020, AADSTS50105, AADSTS90002, AADSTS50058, AADSTS50076, AADSTS50078, AADSTS53003, AADSTS70043,
            AADSTS700082, AADSTS50173, AADSTS70000, AADSTS700007, AADSTS54005, AADSTS700005, AADSTS501481,
            AADSTS9002313, AADSTS900144, AADSTS70003, AADSTS700054, AADSTS28000);

    private EntraErrorCodes() {
    }

    public static Optional<EntraError> byCode(int code) {
        return ALL.stream().filter(e -> e.code() == code).findFirst();
    }
}
