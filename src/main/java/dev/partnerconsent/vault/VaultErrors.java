package dev.partnerconsent.vault;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.diagnostics.FailureCode;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates what the Azure SDK throws into catalogue failures that name the vault, the operation and the
 * principal used. SDK messages are reduced to Key Vault's own error text: they can be long but hold no
 * secret values (a request body is never part of them).
 */
final class VaultErrors {

    private static final Pattern AZURE_PRINCIPAL = Pattern.compile("'(appid=[^']+)'|The user, group or application '([^']+)'");
    private static final Pattern KV_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"([^\"]{1,600})\"");

    private VaultErrors() {
    }

    static Failure translate(RuntimeException e, String operation, String vault, String principal) {
        Optional<Throwable> credentialFailure = credentialFailure(e);
        if (credentialFailure.isPresent()) {
            // azure-identity / MSAL failed to get a token: Entra refused the Key Vault credential
            String message = text(credentialFailure.get().getMessage());
            String aadsts = FailureCatalogue.aadstsCode(message).map(c -> " (" + c + ")").orElse("");
            return Failure.of(FailureCode.KEYVAULT_401, "No Key Vault token could be obtained for " + principal + aadsts + ": "
                    + firstLine(message));
        }
        if (e instanceof HttpResponseException http && http.getResponse() != null) {
            int status = http.getResponse().getStatusCode();
            String said = kvMessage(http);
            if (status == 403 && disabledVersion(http, said)) {
                // Key Vault reads the newest version unless told one: when that one is disabled, nothing can be read
                return Failure.of(FailureCode.CONSENT_DISABLED, "The newest version of the secret in Key Vault " + vault
                        + " is disabled, so '" + operation + "' cannot read it. Key Vault said: " + said);
            }
            return switch (status) {
                case 401 -> Failure.of(FailureCode.KEYVAULT_401, "Key Vault " + vault + " refused the token of " + principal
                        + " for " + operation + ": " + said);
                case 403 -> Failure.of(FailureCode.KEYVAULT_403, "Key Vault " + vault + " refused '" + operation + "' to "
                        + principalIn(said).orElse(principal) + ". Key Vault said: " + said);
                case 404 -> Failure.of(FailureCode.KEYVAULT_404, "Key Vault " + vault + " answered 404 to '" + operation + "': " + said);
                case 409 -> Failure.of(FailureCode.KEYVAULT_409, "Key Vault " + vault + " answered 409 to '" + operation + "': " + said);
                case 429 -> Failure.of(FailureCode.KEYVAULT_429, "Key Vault " + vault + " kept throttling '" + operation
                        + "' (HTTP 429) after " + VaultClientFactory.MAX_RETRIES + " retries.");
                default -> Failure.of(status >= 500 ? FailureCode.KEYVAULT_5XX : FailureCode.KEYVAULT_HTTP, "Key Vault " + vault
                        + " answered HTTP " + status + " to '" + operation + "'" + (status >= 500 ? " after "
                        + VaultClientFactory.MAX_RETRIES + " retries" : "") + ": " + said);
            };
        }
        Optional<String> challenge = refusedChallenge(e);
        if (challenge.isPresent()) {
            return Failure.of(FailureCode.KEYVAULT_CHALLENGE, "The Azure SDK refused the authentication challenge of " + vault
                    + " for '" + operation + "' and sent no token: " + challenge.get());
        }
        Throwable root = significantCause(e);
        if (root instanceof UnknownHostException) {
            return Failure.of(FailureCode.KEYVAULT_DNS, "The Key Vault host of " + vault + " does not resolve: the vault name "
                    + "is wrong, or this server has no DNS route to it (a private endpoint needs its privatelink DNS zone).");
        }
        if (root instanceof SSLException) {
            return Failure.of(FailureCode.KEYVAULT_TLS, "The TLS handshake with " + vault + " failed: " + text(root.getMessage()));
        }
        if ((root instanceof HttpTimeoutException && !(root instanceof java.net.http.HttpConnectTimeoutException))
                || root instanceof TimeoutException) {
            // sent, but no answer in time: not retried (see VaultClientFactory.shouldRetry), and it may have been written
            return Failure.of(FailureCode.KEYVAULT_UNREACHABLE, 504, "Key Vault " + vault + " did not answer '" + operation + "' within "
                    + VaultClientFactory.RESPONSE_TIMEOUT.toSeconds() + " s. It may still have carried it out: the operator "
                    + "inventory shows whether a new version was stored; consenting again is safe (it adds a version).");
        }
        if (root instanceof ConnectException || root instanceof HttpTimeoutException) {
            return Failure.of(FailureCode.KEYVAULT_UNREACHABLE, "Could not connect to Key Vault " + vault + " ("
                    + root.getClass().getSimpleName() + "): a firewall, proxy or private endpoint is in the way, or the vault is down.");
        }
        return Failure.of(FailureCode.KEYVAULT_UNREACHABLE, "Key Vault " + vault + " could not be used for '" + operation + "': "
                + root.getClass().getSimpleName() + " " + firstLine(text(root.getMessage())));
    }

    /**
     * The SDK's refusal of Key Vault's challenge (its resource outside the vault's domain, or an authorization URI that
     * is not one), if that is what this is: the SDK throws a bare RuntimeException saying so.
     */
    private static Optional<String> refusedChallenge(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = text(t.getMessage());
            if (message.startsWith("The challenge resource '") || message.startsWith("The challenge authorization URI '")) {
                // the SDK's own advice (a builder method) is replaced by the catalogue's fix, which names the setting
                int advice = message.indexOf(" If you wish");
                return Optional.of(firstLine(advice > 0 ? message.substring(0, advice) : message));
            }
        }
        return Optional.empty();
    }

    /**
     * The token acquisition failure in the cause chain, if that is what this is: azure-identity throws a
     * {@link ClientAuthenticationException} without a response, or (client secret, sync) a RuntimeException wrapping
     * MSAL's {@code MsalServiceException}.
     */
    private static Optional<Throwable> credentialFailure(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClientAuthenticationException cae && cae.getResponse() == null) {
                return Optional.of(t);
            }
            if (t.getClass().getName().startsWith("com.microsoft.aad.msal4j.")) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Key Vault's 403 SecretDisabled, as thrown by the SDK. */
    static boolean isDisabledVersion(RuntimeException e) {
        return e instanceof HttpResponseException http && http.getResponse() != null
                && http.getResponse().getStatusCode() == 403 && disabledVersion(http, kvMessage(http));
    }

    /** Key Vault's 403 for reading a disabled version (innererror SecretDisabled), as opposed to a permission refusal. */
    private static boolean disabledVersion(HttpResponseException http, String said) {
        return text(http.getMessage()).contains("SecretDisabled") || said.contains("not allowed on a disabled secret");
    }

    static boolean isStatus(RuntimeException e, int status) {
        return e instanceof HttpResponseException http && http.getResponse() != null
                && http.getResponse().getStatusCode() == status;
    }

    static String kvMessage(HttpResponseException http) {
        Matcher m = KV_MESSAGE.matcher(text(http.getMessage()));
        return m.find() ? m.group(1) : firstLine(text(http.getMessage()));
    }

    private static Optional<String> principalIn(String message) {
        Matcher m = AZURE_PRINCIPAL.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of("'" + (m.group(1) != null ? m.group(1) : m.group(2)) + "'");
    }

    /**
     * The network failure in the cause chain (DNS, TLS, connect, timeout) if there is one, else the root cause: the JDK
     * client wraps e.g. a refused connection as ConnectException caused by ClosedChannelException.
     */
    private static Throwable significantCause(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        // most specific first: a refused DNS lookup arrives as ConnectException caused by UnresolvedAddressException
        for (Class<?> kind : List.of(UnknownHostException.class, UnresolvedAddressException.class, SSLException.class,
                ConnectException.class, HttpTimeoutException.class, TimeoutException.class)) {
            for (Throwable t : chain) {
                if (kind.isInstance(t)) {
                    return t instanceof UnresolvedAddressException ? new UnknownHostException() : t;
                }
            }
        }
        return chain.get(chain.size() - 1);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String firstLine(String s) {
        String line = s.lines().findFirst().orElse("").strip();
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }
}
