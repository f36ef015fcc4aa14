package dev.partnerconsent.settings;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.Secret;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
    private final byte[] cookieKey;
    private final KeyVaultSettings keyVault;
    private final boolean verbose;
    private final LifecycleValues lifecycle;
    private final OperatorValues operators;
    private final StoreValues store;
    private final List<SetupProblem> parseProblems;

    /** Nullable: {@code clientId}, {@code clientSecret}, {@code clientCertificate(Password)}, {@code redirectUri}, {@code cookieKey}. */
    ConsentSettings(URI authority, String clientId, Secret clientSecret, Path clientCertificate,
                    Secret clientCertificatePassword, URI redirectUri, Scope scopes, String prompt, boolean requireMfa,
                    Set<String> allowedTenants, byte[] cookieKey, KeyVaultSettings keyVault, boolean verbose,
                    LifecycleValues lifecycle, OperatorValues operators, StoreValues store,
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
        this.cookieKey = cookieKey == null ? null : cookieKey.clone();
        this.keyVault = keyVault;
        this.verbose = verbose;
        this.lifecycle = lifecycle;
        this.operators = operators;
        this.store = store;
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

    public Set<String> allowedTenants() {
        return allowedTenants;
    }

    public Optional<byte[]> cookieKey() {
        return Optional.ofNullable(cookieKey).map(byte[]::clone);
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
     */
    public record LifecycleValues(Duration interval, Duration initialDelay, boolean enabled, int concurrency,
                                  int keepVersions, double opsPerSecond, URI partnerCenterUrl, URI graphUrl) {
    }

    /**
     * Who is an operator and how operators sign in; every value given or its default.
     *
     * @param admins          object ids and user principal names, lower-cased
     * @param operatorTenants tenants whose {@code PartnerConsent.Admin} app role is honoured, lower-cased
     * @param redirectUri     the operator sign-in's reply URL; null when neither it nor the consent redirect URI is set
     * @param session         how long an operator session lasts
     */
    public record OperatorValues(Set<String> admins, Set<String> operatorTenants, URI redirectUri, Duration session) {
        public OperatorValues {
            admins = Set.copyOf(admins);
            operatorTenants = Set.copyOf(operatorTenants);
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

    @Override
    public String toString() {
        return "ConsentSettings[authority=" + authority + ", clientId=" + clientId().orElse("-")
                + ", clientSecret=" + (clientSecret != null ? "(set)" : "-")
                + ", clientCertificate=" + clientCertificate().map(Path::toString).orElse("-")
                + ", redirectUri=" + redirectUri().map(URI::toString).orElse("-") + ", scopes=" + scopes
                + ", requireMfa=" + requireMfa + ", allowedTenants=" + allowedTenants
                + ", cookieKey=" + (cookieKey != null ? "(set)" : "-") + ", keyVault=" + keyVault + ", verbose=" + verbose
                + ", lifecycle=" + lifecycle + ", operators=" + operators + ", store=" + store + "]";
    }
}
