package dev.partnerconsent.settings;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.Secret;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@link ConsentSettings} from MicroProfile Config. Every key is listed here and nowhere else.
 * Unparseable values become {@link SetupProblem}s rather than deployment failures.
 */
public final class SettingsReader {

    public static final String PREFIX = "partnerconsent.";
    public static final String AUTHORITY = PREFIX + "authority";
    public static final String CLIENT_ID = PREFIX + "client-id";
    public static final String CLIENT_SECRET = PREFIX + "client-secret";
    public static final String CLIENT_CERTIFICATE = PREFIX + "client-certificate";
    public static final String CLIENT_CERTIFICATE_PASSWORD = PREFIX + "client-certificate-password";
    public static final String REDIRECT_URI = PREFIX + "redirect-uri";
    public static final String SCOPES = PREFIX + "scopes";
    public static final String PROMPT = PREFIX + "prompt";
    public static final String REQUIRE_MFA = PREFIX + "require-mfa";
    public static final String ALLOWED_TENANTS = PREFIX + "allowed-tenants";
    public static final String COOKIE_KEY = PREFIX + "cookie-key";
    public static final String KV_URL = PREFIX + "keyvault.url";
    public static final String KV_TENANT_ID = PREFIX + "keyvault.tenant-id";
    public static final String KV_CLIENT_ID = PREFIX + "keyvault.client-id";
    public static final String KV_CLIENT_SECRET = PREFIX + "keyvault.client-secret";
    public static final String KV_AUTHORITY_HOST = PREFIX + "keyvault.authority-host";
    public static final String KV_SECRET_PREFIX = PREFIX + "keyvault.secret-prefix";
    public static final String KV_VERIFY_CHALLENGE = PREFIX + "keyvault.verify-challenge-resource";
    public static final String VERBOSE = PREFIX + "diagnostics.verbose";

    public static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com/organizations/v2.0";
    public static final String DEFAULT_SCOPES =
            "https://api.partnercenter.microsoft.com/user_impersonation offline_access openid profile";

    private final Config config;
    private final List<SetupProblem> problems = new ArrayList<>();

    private SettingsReader(Config config) {
        this.config = config;
    }

    public static ConsentSettings read(Config config) {
        return new SettingsReader(config).read();
    }

    private ConsentSettings read() {
        var keyVault = new ConsentSettings.KeyVaultSettings(
                uri(KV_URL),
                text(KV_TENANT_ID),
                text(KV_CLIENT_ID),
                text(KV_CLIENT_SECRET).map(Secret::new),
                uri(KV_AUTHORITY_HOST),
                text(KV_SECRET_PREFIX).orElse(""),
                bool(KV_VERIFY_CHALLENGE, true));
        return new ConsentSettings(
                Optional.of(uri(AUTHORITY).orElse(URI.create(DEFAULT_AUTHORITY))),
                text(CLIENT_ID),
                text(CLIENT_SECRET).map(Secret::new),
                text(CLIENT_CERTIFICATE).map(Path::of),
                text(CLIENT_CERTIFICATE_PASSWORD).map(Secret::new),
                uri(REDIRECT_URI),
                Scope.parse(text(SCOPES).orElse(DEFAULT_SCOPES)),
                text(PROMPT).orElse("login"),
                bool(REQUIRE_MFA, true),
                tenants(),
                cookieKey(),
                keyVault,
                bool(VERBOSE, false),
                List.copyOf(problems));
    }

    private Optional<String> text(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
    }

    private Optional<URI> uri(String key) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.get());
            if (!uri.isAbsolute() || uri.getHost() == null) {
                problems.add(new SetupProblem(key, "'" + raw.get() + "' is not an absolute URL with a host.",
                        "Give the full URL, e.g. https://host/path."));
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            problems.add(new SetupProblem(key, "'" + raw.get() + "' is not a valid URL (" + e.getReason() + ").",
                    "Give the full URL, e.g. https://host/path, without spaces or quotes."));
            return Optional.empty();
        }
    }

    private boolean bool(String key, boolean fallback) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        String value = raw.get().toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        problems.add(new SetupProblem(key, "'" + raw.get() + "' is not true or false; using " + fallback + ".",
                "Set it to true or false."));
        return fallback;
    }

    private Set<String> tenants() {
        return text(ALLOWED_TENANTS)
                .map(v -> Arrays.stream(v.split("[,\\s]+"))
                        .filter(s -> !s.isBlank())
                        .map(s -> s.toLowerCase(Locale.ROOT))
                        .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)))
                .map(Set::copyOf)
                .orElse(Set.of());
    }

    private Optional<byte[]> cookieKey() {
        Optional<String> raw = text(COOKIE_KEY);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] key = Base64.getDecoder().decode(raw.get());
            if (key.length != 32) {
                problems.add(new SetupProblem(COOKIE_KEY, "The key is " + key.length + " bytes; it must be 32 (256 bits).",
                        "Generate one with: openssl rand -base64 32"));
                return Optional.empty();
            }
            return Optional.of(key);
        } catch (IllegalArgumentException e) {
            problems.add(new SetupProblem(COOKIE_KEY, "The key is not valid Base64.",
                    "Generate one with: openssl rand -base64 32"));
            return Optional.empty();
        }
    }
}
