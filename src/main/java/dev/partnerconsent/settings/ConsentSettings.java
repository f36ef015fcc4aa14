package dev.partnerconsent.settings;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.Secret;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/**
 * Everything the app is configured with, read once from MicroProfile Config by {@link SettingsReader}.
 * <p>
 * Values are kept as typed as their text allows; a setting that is not given, or whose value does not parse, is held
 * as null (its accessor answers empty) or as its default, and a value that does not parse is reported as a
 * {@link SetupProblem}, so the app still deploys and can show the operator what to fix. Secrets are Nimbus
 * {@link Secret}s, whose {@code toString} never prints the value.
 */
public final class ConsentSettings {

    /** The value of {@code partnerconsent.allowed-tenants} that lets any Entra tenant store a consent. */
    public static final String ANY_TENANT = "*";

    private final URI authority;
    private final String clientId;
    private final Secret clientSecret;
    private final Path clientCertificate;
    private final Secret clientCertificatePassword;
    private final URI redirectUri;
    private final Scope scopes;
    private final String prompt;
    private final boolean requireMfa;
    private final Set<String> allowedTenants;
    private final Set<String> requiredRoles;
    private final List<CookieKey> cookieKeys;
    private final KeyVaultSettings keyVault;
    private final boolean verbose;
    private final LifecycleValues lifecycle;
    private final OperatorValues operators;
    private final StoreValues store;
    private final AlertValues alerts;
    private final CustomerValues customers;
    private final List<SetupProblem> parseProblems;

    /** Nullable: {@code clientId}, {@code clientSecret}, {@code clientCertificate(Password)}, {@code redirectUri}. */
    ConsentSettings(URI authority, String clientId, Secret clientSecret, Path clientCertificate,
                    Secret clientCertificatePassword, URI redirectUri, Scope scopes, String prompt, boolean requireMfa,
                    Set<String> allowedTenants, Set<String> requiredRoles, List<CookieKey> cookieKeys, KeyVaultSettings keyVault, boolean verbose,
                    LifecycleValues lifecycle, OperatorValues operators, StoreValues store, AlertValues alerts, CustomerValues customers,
                    List<SetupProblem> parseProblems) {
        this.authority = authority;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clientCertificate = clientCertificate;
        this.clientCertificatePassword = clientCertificatePassword;
        this.redirectUri = redirectUri;
        this.scopes = scopes;
        this.prompt = prompt;
        this.requireMfa = requireMfa;
        this.allowedTenants = Set.copyOf(allowedTenants);
        this.requiredRoles = Set.copyOf(requiredRoles);
        this.cookieKeys = List.copyOf(cookieKeys);
        this.keyVault = keyVault;
        this.verbose = verbose;
        this.lifecycle = lifecycle;
        this.operators = operators;
        this.store = store;
        this.alerts = alerts;
        this.customers = customers;
        this.parseProblems = List.copyOf(parseProblems);
    }

    /** Always present: the default authority when none is set. */
    public Optional<URI> authority() {
        return Optional.of(authority);
    }

    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    public Optional<Secret> clientSecret() {
        return Optional.ofNullable(clientSecret);
    }

    public Optional<Path> clientCertificate() {
        return Optional.ofNullable(clientCertificate);
    }

    public Optional<Secret> clientCertificatePassword() {
        return Optional.ofNullable(clientCertificatePassword);
    }

    public Optional<URI> redirectUri() {
        return Optional.ofNullable(redirectUri);
    }

    public Scope scopes() {
        return scopes;
    }

    public String prompt() {
        return prompt;
    }

    public boolean requireMfa() {
        return requireMfa;
    }

    /** Tenant ids (lower case) allowed to store a consent; {@value #ANY_TENANT} among them admits any tenant. */
    public Set<String> allowedTenants() {
        return allowedTenants;
    }

    /**
     * Directory role template ids (lower case) of which the consenting user must hold one, as the ID token's {@code wids}
     * claim lists them; empty when no role is required.
     */
    public Set<String> requiredRoles() {
        return requiredRoles;
    }

    /** Whether {@code partnerconsent.allowed-tenants} was set to {@value #ANY_TENANT}: a deployment serving many partners. */
    public boolean allowsAnyTenant() {
        return allowedTenants.contains(ANY_TENANT);
    }

    /** Whether this tenant may store a consent here. */
    public boolean tenantAllowed(String tenantId) {
        return allowsAnyTenant() || allowedTenants.contains(tenantId.toLowerCase(java.util.Locale.ROOT));
    }

    /** The cookie sealing keys, newest first (empty: none configured). */
    public List<CookieKey> cookieKeys() {
        return cookieKeys;
    }

    public KeyVaultSettings keyVault() {
        return keyVault;
    }

    public boolean verbose() {
        return verbose;
    }

    public LifecycleValues lifecycle() {
        return lifecycle;
    }

    public OperatorValues operators() {
        return operators;
    }

    public StoreValues store() {
        return store;
    }

    public AlertValues alerts() {
        return alerts;
    }

    public CustomerValues customers() {
        return customers;
    }

    public List<SetupProblem> parseProblems() {
        return parseProblems;
    }

    public boolean mfaWarnOnly() {
        return !requireMfa;
    }

    /** Key Vault connection settings; absent credentials mean {@code DefaultAzureCredential}. Nullable as above. */
    public static final class KeyVaultSettings {
        private final URI url;
        private final String tenantId;
        private final String clientId;
        private final Secret clientSecret;
        private final URI authorityHost;
        private final String secretPrefix;
        private final boolean verifyChallengeResource;

        public KeyVaultSettings(URI url, String tenantId, String clientId, Secret clientSecret, URI authorityHost,
                                String secretPrefix, boolean verifyChallengeResource) {
            this.url = url;
            this.tenantId = tenantId;
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            this.authorityHost = authorityHost;
            this.secretPrefix = secretPrefix;
            this.verifyChallengeResource = verifyChallengeResource;
        }

        public Optional<URI> url() {
            return Optional.ofNullable(url);
        }

        public Optional<String> tenantId() {
            return Optional.ofNullable(tenantId);
        }

        public Optional<String> clientId() {
            return Optional.ofNullable(clientId);
        }

        public Optional<Secret> clientSecret() {
            return Optional.ofNullable(clientSecret);
        }

        public Optional<URI> authorityHost() {
            return Optional.ofNullable(authorityHost);
        }

        public String secretPrefix() {
            return secretPrefix;
        }

        public boolean verifyChallengeResource() {
            return verifyChallengeResource;
        }

        public boolean usesClientSecret() {
            return tenantId != null && clientId != null && clientSecret != null;
        }

        @Override
        public String toString() {
            return "KeyVaultSettings[url=" + (url == null ? "-" : url) + ", tenantId=" + (tenantId == null ? "-" : tenantId)
                    + ", clientId=" + (clientId == null ? "-" : clientId) + ", clientSecret=" + (clientSecret != null ? "(set)" : "-")
                    + ", secretPrefix=" + secretPrefix + "]";
        }
    }

    /**
     * Keep-alive, access checks and token use; every value given or its default.
     *
     * @param interval       between scheduled keep-alive runs
     * @param initialDelay   before the first scheduled run
     * @param keepVersions   enabled versions kept per tenant after a rotation
     * @param opsPerSecond   Key Vault operations per second a run may make
     * @param otherApiHosts  whether Partner Center and Graph base URLs off Microsoft's hosts are accepted (with a warning)
     */
    public record LifecycleValues(Duration interval, Duration initialDelay, boolean enabled, int concurrency,
                                  int keepVersions, double opsPerSecond, URI partnerCenterUrl, URI graphUrl,
                                  boolean otherApiHosts) {
    }

    /**
     * Who is an operator and how operators sign in; every value given or its default.
     *
     * @param admins          {@code <tenant id>:<object id>} of the operators listed by name, lower-cased
     * @param operatorTenants tenants whose PartnerConsent app role assignments are honoured, lower-cased
     * @param redirectUri     the operator sign-in's reply URL; null when neither it nor the consent redirect URI is set
     * @param session         how long an operator session lasts at most (its absolute cap)
     * @param sessionIdle     how long an operator session may go unused before it ends
     * @param maxAge          how long ago an operator may have last signed in interactively (OpenID Connect max_age)
     * @param apiClients      client ids whose access tokens the API accepts, lower-cased; empty: any client
     * @param tokenResources  the resources access tokens may be issued for (e.g. {@code https://graph.microsoft.com})
     * @param tokenBindings   per client id (lower-cased): what that client may obtain tokens for, narrower than the above
     */
    public record OperatorValues(Set<String> admins, Set<String> operatorTenants, URI redirectUri, Duration session,
                                 Duration sessionIdle, Duration maxAge, Set<String> apiClients, Set<String> tokenResources, Map<String, TokenBinding> tokenBindings) {
        public OperatorValues {
            admins = Set.copyOf(admins);
            operatorTenants = Set.copyOf(operatorTenants);
            apiClients = Set.copyOf(apiClients);
            tokenResources = Set.copyOf(tokenResources);
            tokenBindings = Map.copyOf(tokenBindings);
        }
    }

    /**
     * What one API client may obtain access tokens for.
     *
     * @param resources resources (as in {@link OperatorValues#tokenResources}); empty: every allowed resource
     * @param tenants   partner tenants (lower-cased) whose consents it may use; empty: every tenant
     */
    public record TokenBinding(Set<String> resources, Set<String> tenants) {
        public TokenBinding {
            resources = Set.copyOf(resources);
            tenants = Set.copyOf(tenants);
        }
    }

    /**
     * One key of the cookie key ring: cookies are sealed with the first and opened with whichever their {@code kid} names.
     *
     * @param id  names the key in each sealed cookie's header (not secret)
     * @param key 32 bytes
     */
    public record CookieKey(String id, byte[] key) {
        public CookieKey {
            key = key.clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }

        @Override
        public String toString() {
            return "CookieKey[" + id + "]";
        }
    }

    /**
     * The database and what is kept in it.
     *
     * @param dataSource     JNDI name of the datasource; the server's default one unless set
     * @param auditRetention how long audit rows are kept
     * @param keepAliveLease how long a node's keep-alive lease lasts unless renewed
     */
    public record StoreValues(String dataSource, Duration auditRetention, Duration keepAliveLease) {
    }

    /**
     * Where alerts go.
     *
     * @param enabled     alerts are raised at all
     * @param webhooks    webhook URLs (https only) with their payload format
     * @param mailSession JNDI name of the server's Jakarta Mail session, when mail is wanted
     * @param mailFrom    the sender address; empty: the session's {@code mail.from}
     * @param mailTo      recipients
     * @param publicUrl   where this app is reached, for the links in alerts (troubleshooting, re-consent)
     * @param timeout     how long a webhook may take to answer
     * @param backoff     the pauses before each retry of a failed delivery
     */
    public record AlertValues(boolean enabled, List<Webhook> webhooks, Optional<String> mailSession, Optional<String> mailFrom,
                              List<String> mailTo, Optional<URI> publicUrl, Duration timeout, List<Duration> backoff) {
        public AlertValues {
            webhooks = List.copyOf(webhooks);
            mailTo = List.copyOf(mailTo);
            backoff = List.copyOf(backoff);
        }
    }

    /**
     * Application consents into customer tenants.
     *
     * @param apps              the applications to consent in each customer, with their grants
     * @param consentsPerSecond Partner Center application-consent calls per second a run may make
     */
    public record CustomerValues(List<CustomerApp> apps, double consentsPerSecond) {
        public CustomerValues {
            apps = List.copyOf(apps);
        }
    }

    /** One application to consent in customers: its application (client) id, lower-cased, and what it is granted. */
    public record CustomerApp(String applicationId, List<AppGrant> grants) {
        public CustomerApp {
            grants = List.copyOf(grants);
        }
    }

    /**
     * One webhook. Its URL is a credential (whoever holds it may post to the channel): {@code toString} names the host.
     *
     * @param format {@code json}, {@code teams} or {@code slack}
     */
    public record Webhook(String format, URI url) {
        @Override
        public String toString() {
            return "Webhook[" + format + ", " + url.getHost() + "]";
        }
    }

    /**
     * One grant of an application consent, as Partner Center takes it.
     *
     * @param resourceAppId the resource's application id ({@code enterpriseApplicationId}), e.g. Microsoft Graph's
     * @param scope         its delegated permissions, comma-separated, e.g. {@code User.Read,Directory.Read.All}
     */
    public record AppGrant(String resourceAppId, String scope) {
    }

    @Override
    public String toString() {
        return "ConsentSettings[authority=" + authority + ", clientId=" + clientId().orElse("-")
                + ", clientSecret=" + (clientSecret != null ? "(set)" : "-")
                + ", clientCertificate=" + clientCertificate().map(Path::toString).orElse("-")
                + ", redirectUri=" + redirectUri().map(URI::toString).orElse("-") + ", scopes=" + scopes
                + ", requireMfa=" + requireMfa + ", allowedTenants=" + allowedTenants + ", requiredRoles=" + requiredRoles
                + ", cookieKeys=" + cookieKeys.stream().map(CookieKey::id).toList() + ", keyVault=" + keyVault + ", verbose=" + verbose
                + ", lifecycle=" + lifecycle + ", operators=" + operators + ", store=" + store + ", alerts=" + alerts + ", customers=" + customers + "]";
    }
}
