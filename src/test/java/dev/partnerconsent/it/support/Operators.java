package dev.partnerconsent.it.support;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.partnerconsent.it.support.ConsentBrowser.Login;
import dev.partnerconsent.it.support.ConsentBrowser.Page;
import dev.partnerconsent.standin.StandIns;
import dev.partnerconsent.standin.entra.ClientRegistration;
import dev.partnerconsent.standin.entra.LocalEntraId;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The operators of the in-container tests: who is an admin by name, who by app role, who is neither, and an
 * automation app that calls the API with client-credentials tokens.
 */
public final class Operators {

    /** The partner's own tenant: its PartnerConsent app role assignments are honoured. */
    public static final String OPERATOR_TENANT = ItTenants.ALPHA;
    /** Listed in partnerconsent.admins as <tenant id>:<object id> of this user in {@link #ADMIN_TENANT}. */
    public static final String ADMIN_BY_NAME = "ops.lead@contosopartner.onmicrosoft.com";
    public static final String ADMIN_TENANT = ItTenants.BRAVO;
    /** Holds the PartnerConsent.TokenIssuer app role in the operator tenant. */
    public static final String ADMIN_BY_ROLE = "night.shift@contosopartner.onmicrosoft.com";
    /** Holds PartnerConsent.Reader in the operator tenant: may look, not act. */
    public static final String READER = "auditor@contosopartner.onmicrosoft.com";
    /** Holds the retired single role PartnerConsent.Admin: it grants nothing any more. */
    public static final String RETIRED_ROLE = "old.admin@contosopartner.onmicrosoft.com";
    /** Holds the app role, but in a tenant that is not an operator tenant (its own admin could have assigned it). */
    public static final String ROLE_ELSEWHERE = "mallory@fabrikamcustomer.onmicrosoft.com";
    public static final String ROLE_ELSEWHERE_TENANT = ItTenants.OUTSIDER;
    /** Signs in fine, but is not an operator. */
    public static final String NOT_AN_OPERATOR = "helpdesk@contosopartner.onmicrosoft.com";

    /** Automation holding PartnerConsent.TokenIssuer. */
    public static final String AUTOMATION_CLIENT_ID = "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e";
    public static final String AUTOMATION_SECRET = "automation-secret-value-9876543210fedcba";
    public static final String UNPRIVILEGED_CLIENT_ID = "8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f";
    public static final String UNPRIVILEGED_SECRET = "unprivileged-secret-value-0123456789abcd";
    /** Monitoring holding PartnerConsent.Reader. */
    public static final String READER_CLIENT_ID = "9d0e1f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a";
    public static final String READER_SECRET = "reader-secret-value-0a1b2c3d4e5f6a7b8c9d";
    /** A scheduler holding PartnerConsent.Operator: refreshes and checks, never mints tokens. */
    public static final String OPERATOR_CLIENT_ID = "0e1f2a3b-4c5d-4e6f-9a7b-8c9d0e1f2a3b";
    public static final String OPERATOR_SECRET = "operator-secret-value-1a2b3c4d5e6f7a8b9c0d";
    /** TokenIssuer too, but bound to Graph and the operator tenant's consent by partnerconsent.token-use.bindings. */
    public static final String BOUND_CLIENT_ID = "1f2a3b4c-5d6e-4f7a-8b9c-0d1e2f3a4b5c";
    public static final String BOUND_SECRET = "bound-secret-value-2b3c4d5e6f7a8b9c0d1e";

    private Operators() {
    }

    public static void configure(StandIns standIns, Map<String, String> settings) {
        dev.partnerconsent.standin.SecretsJournal.recordAll(List.of(AUTOMATION_SECRET, UNPRIVILEGED_SECRET, READER_SECRET,
                OPERATOR_SECRET, BOUND_SECRET));
        // the listed pair, and the user name as earlier releases took it: a warning of the setup check, granting nothing
        settings.put("partnerconsent.admins", ADMIN_TENANT + ":" + LocalEntraId.objectIdOf(ADMIN_TENANT, ADMIN_BY_NAME)
                + "," + ADMIN_BY_NAME);
        settings.put("partnerconsent.operator-tenants", OPERATOR_TENANT);
        settings.put("partnerconsent.api.allowed-clients", String.join(",", AUTOMATION_CLIENT_ID, UNPRIVILEGED_CLIENT_ID,
                READER_CLIENT_ID, OPERATOR_CLIENT_ID, BOUND_CLIENT_ID));
        settings.put("partnerconsent.token-use.bindings", BOUND_CLIENT_ID + "=https://graph.microsoft.com@" + OPERATOR_TENANT);
        // keep-alive runs only when a test asks for it
        settings.put("partnerconsent.keepalive.initial-delay", "PT240H");
        // slow enough that a run over a few dozen tenants lasts seconds: overlap is then observable
        settings.put("partnerconsent.keyvault.ops-per-second", "50");
        var entra = standIns.entra();
        entra.assignAppRole(OPERATOR_TENANT, ADMIN_BY_ROLE, "PartnerConsent.TokenIssuer");
        entra.assignAppRole(OPERATOR_TENANT, READER, "PartnerConsent.Reader");
        entra.assignAppRole(OPERATOR_TENANT, RETIRED_ROLE, "PartnerConsent.Admin");
        entra.assignAppRole(ROLE_ELSEWHERE_TENANT, ROLE_ELSEWHERE, "PartnerConsent.TokenIssuer");
        entra.registerClient(ClientRegistration.of(AUTOMATION_CLIENT_ID).withSecret(AUTOMATION_SECRET).named("Automation"));
        entra.registerClient(ClientRegistration.of(UNPRIVILEGED_CLIENT_ID).withSecret(UNPRIVILEGED_SECRET).named("Other"));
        entra.registerClient(ClientRegistration.of(READER_CLIENT_ID).withSecret(READER_SECRET).named("Monitoring"));
        entra.registerClient(ClientRegistration.of(OPERATOR_CLIENT_ID).withSecret(OPERATOR_SECRET).named("Scheduler"));
        entra.registerClient(ClientRegistration.of(BOUND_CLIENT_ID).withSecret(BOUND_SECRET).named("Graph reports"));
        entra.assignAppRole(OPERATOR_TENANT, AUTOMATION_CLIENT_ID, "PartnerConsent.TokenIssuer");
        // the same role assigned by the admin of a tenant that is not an operator tenant: it must count for nothing
        entra.assignAppRole(ItTenants.BRAVO, AUTOMATION_CLIENT_ID, "PartnerConsent.TokenIssuer");
        entra.assignAppRole(OPERATOR_TENANT, READER_CLIENT_ID, "PartnerConsent.Reader");
        entra.assignAppRole(OPERATOR_TENANT, OPERATOR_CLIENT_ID, "PartnerConsent.Operator");
        entra.assignAppRole(OPERATOR_TENANT, BOUND_CLIENT_ID, "PartnerConsent.TokenIssuer");
    }

    /** A browser signed in as {@code user} of {@code tenant} through the operator sign-in. */
    public static ConsentBrowser signedIn(String user, String tenant) throws Exception {
        return signedIn(InContainer.appBaseUrl(), user, tenant);
    }

    /** A browser signed in as {@code user} of {@code tenant} through the operator sign-in of the app at {@code baseUrl}. */
    public static ConsentBrowser signedIn(String baseUrl, String user, String tenant) throws Exception {
        ConsentBrowser b = new ConsentBrowser(baseUrl);
        Page start = b.get(baseUrl + "/operator/signin");
        if (start.status() != 302 && start.status() != 303) {
            throw new AssertionError("no redirect to Entra: " + start.status() + " " + start.body());
        }
        Page idp = b.signInAt(start.location().orElseThrow(), new Login(user, tenant, true));
        Page back = b.callback(idp);
        if (back.status() != 302 && back.status() != 303) {
            throw new AssertionError("the operator callback did not redirect: " + back.status() + " " + back.body());
        }
        return b;
    }

    /** An app-only access token for this app's API, from the operator tenant unless said otherwise. */
    public static String appToken(StandIns standIns, String clientId, String secret, String tenant, String scope) throws Exception {
        TokenResponse r = TokenResponse.parse(new TokenRequest(URI.create(standIns.entra().tokenEndpoint(tenant)),
                new ClientSecretPost(new ClientID(clientId), new Secret(secret)), new ClientCredentialsGrant(),
                new Scope(scope)).toHTTPRequest().send());
        if (!r.indicatesSuccess()) {
            throw new AssertionError(r.toErrorResponse().getErrorObject().toString());
        }
        return r.toSuccessResponse().getTokens().getAccessToken().getValue();
    }

    /** How the audit trail names a person signed in through the stand-in: {@code <name> (<object id>, tenant <tenant>)}. */
    public static String label(String user, String tenant) {
        return user + " (" + LocalEntraId.objectIdOf(tenant, user) + ", tenant " + tenant + ")";
    }

    /** How sessions and "revoke all" name a person: {@code <tenant id>:<object id>}, lower-cased. */
    public static String sessionKey(String user, String tenant) {
        return (tenant + ":" + LocalEntraId.objectIdOf(tenant, user)).toLowerCase(java.util.Locale.ROOT);
    }

    /** Another browser holding a copy of {@code b}'s cookies for the app at {@code baseUrl}: a stolen session. */
    public static ConsentBrowser copyOf(ConsentBrowser b, String baseUrl) {
        ConsentBrowser copy = new ConsentBrowser(baseUrl);
        URI app = URI.create(baseUrl);
        b.cookies().getCookieStore().get(app).forEach(c -> copy.cookies().getCookieStore().add(app, (java.net.HttpCookie) c.clone()));
        return copy;
    }

    public static String apiScope() {
        return "api://" + StandIns.APP_CLIENT_ID + "/.default";
    }
}
