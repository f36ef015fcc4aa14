package dev.partnerconsent.settings;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.Secret;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the app is configured with, read once from MicroProfile Config.
 * <p>
 * Values are kept as typed as their text allows; a value that does not parse is kept absent and
 * reported by {@link SettingsCheck}, so the app still deploys and can show the operator what to fix.
 * Secrets are Nimbus {@link Secret}s, whose {@code toString} never prints the value.
 */
public record ConsentSettings(
        Optional<URI> authority,
        Optional<String> clientId,
        Optional<Secret> clientSecret,
        Optional<Path> clientCertificate,
        Optional<Secret> clientCertificatePassword,
        Optional<URI> redirectUri,
        Scope scopes,
        String prompt,
        boolean requireMfa,
        Set<String> allowedTenants,
        Optional<byte[]> cookieKey,
        KeyVaultSettings keyVault,
        boolean verbose,
        List<SetupProblem> parseProblems) {

    /** Key Vault connection settings; absent credentials mean {@code DefaultAzureCredential}. */
    public record KeyVaultSettings(
            Optional<URI> url,
            Optional<String> tenantId,
            Optional<String> clientId,
            Optional<Secret> clientSecret,
            Optional<URI> authorityHost,
            String secretPrefix,
            boolean verifyChallengeResource) {

        public boolean usesClientSecret() {
            return tenantId.isPresent() && clientId.isPresent() && clientSecret.isPresent();
        }

        @Override
        public String toString() {
            return "KeyVaultSettings[url=" + url.map(URI::toString).orElse("-") + ", tenantId=" + tenantId.orElse("-")
                    + ", clientId=" + clientId.orElse("-") + ", clientSecret=" + (clientSecret.isPresent() ? "(set)" : "-")
                    + ", secretPrefix=" + secretPrefix + "]";
        }
    }

    public boolean mfaWarnOnly() {
        return !requireMfa;
    }

    @Override
    public String toString() {
        return "ConsentSettings[authority=" + authority.map(URI::toString).orElse("-") + ", clientId=" + clientId.orElse("-")
                + ", clientSecret=" + (clientSecret.isPresent() ? "(set)" : "-")
                + ", clientCertificate=" + clientCertificate.map(Path::toString).orElse("-")
                + ", redirectUri=" + redirectUri.map(URI::toString).orElse("-") + ", scopes=" + scopes
                + ", requireMfa=" + requireMfa + ", allowedTenants=" + allowedTenants
                + ", cookieKey=" + (cookieKey.isPresent() ? "(set)" : "-") + ", keyVault=" + keyVault + ", verbose=" + verbose + "]";
    }
}
