package dev.partnerconsent.settings;

import dev.partnerconsent.tenant.TenantId;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.Secret;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@link ConsentSettings} from MicroProfile Config. Every key is listed and read here and nowhere else, with one
 * policy: a setting that is missing or blank takes its default (or stays absent when it has none); a value that does
 * not parse becomes a {@link SetupProblem} naming the key, and the default is used meanwhile — never a deployment
 * failure. The problem blocks consents where the setting guards them (a URL, the MFA rule, the cookie key), and is a
 * warning where it only tunes the app (keep-alive, operator sessions).
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
    public static final String REQUIRED_ROLES = PREFIX + "required-roles";
    public static final String COOKIE_KEY = PREFIX + "cookie-key";
    public static final String COOKIE_KEYS = PREFIX + "cookie-keys";
    public static final String KV_URL = PREFIX + "keyvault.url";
    public static final String KV_TENANT_ID = PREFIX + "keyvault.tenant-id";
    public static final String KV_CLIENT_ID = PREFIX + "keyvault.client-id";
    public static final String KV_CLIENT_SECRET = PREFIX + "keyvault.client-secret";
    public static final String KV_AUTHORITY_HOST = PREFIX + "keyvault.authority-host";
    public static final String KV_SECRET_PREFIX = PREFIX + "keyvault.secret-prefix";
    public static final String KV_VERIFY_CHALLENGE = PREFIX + "keyvault.verify-challenge-resource";
    public static final String VERBOSE = PREFIX + "diagnostics.verbose";
    public static final String KEEPALIVE_INTERVAL = PREFIX + "keepalive.interval";
    public static final String KEEPALIVE_INITIAL_DELAY = PREFIX + "keepalive.initial-delay";
    public static final String KEEPALIVE_ENABLED = PREFIX + "keepalive.enabled";
    public static final String KEEPALIVE_CONCURRENCY = PREFIX + "keepalive.concurrency";
    public static final String KEEP_VERSIONS = PREFIX + "keep-versions";
    public static final String KV_OPS_PER_SECOND = PREFIX + "keyvault.ops-per-second";
    public static final String PARTNER_CENTER_URL = PREFIX + "partner-center.url";
    public static final String GRAPH_URL = PREFIX + "graph.url";
    public static final String APIS_OTHER_HOSTS = PREFIX + "apis.allow-other-hosts";
    public static final String ADMINS = PREFIX + "admins";
    public static final String OPERATOR_TENANTS = PREFIX + "operator-tenants";
    public static final String OPERATOR_REDIRECT_URI = PREFIX + "operator.redirect-uri";
    public static final String OPERATOR_SESSION = PREFIX + "operator.session";
    public static final String OPERATOR_SESSION_IDLE = PREFIX + "operator.session-idle";
    public static final String OPERATOR_MAX_AGE = PREFIX + "operator.max-age";
    public static final String API_ALLOWED_CLIENTS = PREFIX + "api.allowed-clients";
    public static final String TOKEN_USE_RESOURCES = PREFIX + "token-use.resources";
    public static final String TOKEN_USE_BINDINGS = PREFIX + "token-use.bindings";
    public static final String DEFAULT_TOKEN_RESOURCES = "https://api.partnercenter.microsoft.com https://graph.microsoft.com";
    public static final String DATASOURCE = PREFIX + "datasource";
    public static final String AUDIT_RETENTION = PREFIX + "audit.retention";
    public static final String KEEPALIVE_LEASE = PREFIX + "keepalive.lease";
    public static final String PUBLIC_URL = PREFIX + "public-url";
    public static final String ALERTS_ENABLED = PREFIX + "alerts.enabled";
    public static final String ALERTS_WEBHOOKS = PREFIX + "alerts.webhooks";
    public static final String ALERTS_MAIL_SESSION = PREFIX + "alerts.mail-session";
    public static final String ALERTS_MAIL_FROM = PREFIX + "alerts.mail-from";
    public static final String ALERTS_MAIL_TO = PREFIX + "alerts.mail-to";
    public static final String ALERTS_TIMEOUT = PREFIX + "alerts.timeout";
    public static final String ALERTS_BACKOFF = PREFIX + "alerts.backoff";
    /** Payload formats a webhook entry may name before its URL ({@code teams=https://…}). */
    public static final List<String> WEBHOOK_FORMATS = List.of("json", "teams", "slack");
    public static final String CUSTOMER_APPS = PREFIX + "customer-apps";
    public static final String CUSTOMER_CONSENTS_PER_SECOND = PREFIX + "customer-consent.per-second";
    /** Microsoft Graph's application id: the resource of the default grant. */
    public static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
    /** The Jakarta EE default datasource: embedded H2 on Payara Micro and WildFly. */
    public static final String DEFAULT_DATASOURCE = "java:comp/DefaultDataSource";
    /** Where the operator sign-in's reply comes back, under the consent redirect URI's origin by default. */
    public static final String OPERATOR_CALLBACK_PATH = "/operator/callback";

    public static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com/organizations/v2.0";
    public static final String DEFAULT_SCOPES =
            "https://api.partnercenter.microsoft.com/user_impersonation offline_access openid profile";

    /** Unreadable, a setting that guards consents blocks them; one that only tunes the app is a warning. */
    private static final boolean BLOCKING = true;
    private static final boolean WARNING = false;

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
                uri(KV_URL).orElse(null),
                text(KV_TENANT_ID).orElse(null),
                text(KV_CLIENT_ID).orElse(null),
                text(KV_CLIENT_SECRET).map(Secret::new).orElse(null),
                uri(KV_AUTHORITY_HOST).orElse(null),
                text(KV_SECRET_PREFIX).orElse(""),
                bool(KV_VERIFY_CHALLENGE, true));
        Optional<URI> redirectUri = uri(REDIRECT_URI);
        var lifecycle = new ConsentSettings.LifecycleValues(
                duration(KEEPALIVE_INTERVAL, Duration.ofDays(7)),
                duration(KEEPALIVE_INITIAL_DELAY, Duration.ofHours(1)),
                bool(KEEPALIVE_ENABLED, true, WARNING),
                number(KEEPALIVE_CONCURRENCY, 4, 1, 64),
                number(KEEP_VERSIONS, 1, 1, 24),
                number(KV_OPS_PER_SECOND, 200, 1, 2_000),
                baseUrl(PARTNER_CENTER_URL, "https://api.partnercenter.microsoft.com"),
                baseUrl(GRAPH_URL, "https://graph.microsoft.com"),
                bool(APIS_OTHER_HOSTS, false));
        var operators = new ConsentSettings.OperatorValues(
                adminPairs(),
                lowerCaseList(OPERATOR_TENANTS),
                uri(OPERATOR_REDIRECT_URI, "the default", WARNING).or(() -> redirectUri.map(r -> r.resolve(OPERATOR_CALLBACK_PATH))).orElse(null),
                duration(OPERATOR_SESSION, Duration.ofHours(8)),
                duration(OPERATOR_SESSION_IDLE, Duration.ofMinutes(30)),
                duration(OPERATOR_MAX_AGE, Duration.ofHours(12)),
                guidList(API_ALLOWED_CLIENTS),
                resources(),
                tokenBindings());
        var store = new ConsentSettings.StoreValues(
                text(DATASOURCE).orElse(DEFAULT_DATASOURCE),
                duration(AUDIT_RETENTION, Duration.ofDays(400)),
                duration(KEEPALIVE_LEASE, Duration.ofMinutes(2)));
        var alerts = new ConsentSettings.AlertValues(
                bool(ALERTS_ENABLED, true, WARNING),
                webhooks(),
                text(ALERTS_MAIL_SESSION),
                text(ALERTS_MAIL_FROM),
                text(ALERTS_MAIL_TO).map(v -> Arrays.stream(v.split("[,\\s]+")).filter(a -> !a.isEmpty()).toList())
                        .orElse(List.of()),
                uri(PUBLIC_URL, "the redirect URI's origin", WARNING)
                        .or(() -> redirectUri.map(r -> r.resolve("/"))).map(u -> URI.create(u.toString().replaceAll("/+$", ""))),
                duration(ALERTS_TIMEOUT, Duration.ofSeconds(10)),
                durations(ALERTS_BACKOFF, List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10))));
        return new ConsentSettings(
                uri(AUTHORITY).orElse(URI.create(DEFAULT_AUTHORITY)),
                text(CLIENT_ID).orElse(null),
                text(CLIENT_SECRET).map(Secret::new).orElse(null),
                text(CLIENT_CERTIFICATE).map(Path::of).orElse(null),
                text(CLIENT_CERTIFICATE_PASSWORD).map(Secret::new).orElse(null),
                redirectUri.orElse(null),
                Scope.parse(text(SCOPES).orElse(DEFAULT_SCOPES)),
                text(PROMPT).orElse("login"),
                bool(REQUIRE_MFA, true),
                lowerCaseList(ALLOWED_TENANTS),
                lowerCaseList(REQUIRED_ROLES),
                cookieKeys(),
                keyVault,
                bool(VERBOSE, false),
                lifecycle,
                operators,
                store,
                alerts,
                new ConsentSettings.CustomerValues(customerApps(text(CLIENT_ID)), number(CUSTOMER_CONSENTS_PER_SECOND, 5, 1, 50)),
                List.copyOf(problems));
    }

    /** A value that does not parse: a setup problem naming what it should be and what is used instead. */
    private void unreadable(String key, String raw, String expected, Object fallback, boolean blocking) {
        problems.add(new SetupProblem(key, "'" + raw + "' is not " + expected + "; using " + fallback + ".",
                "Set it to " + expected + (blocking ? "." : ", or remove it for the default (" + fallback + ")."), blocking));
    }

    private Duration duration(String key, Duration fallback) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(raw.get());
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        unreadable(key, raw.get(), "a positive ISO-8601 duration such as P7D or PT12H", fallback, WARNING);
        return fallback;
    }

    /** Comma-separated positive durations; the whole fallback when one does not parse. */
    private List<Duration> durations(String key, List<Duration> fallback) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        List<Duration> all = new ArrayList<>();
        for (String part : raw.get().split("[,\\s]+")) {
            try {
                Duration d = Duration.parse(part);
                if (d.isNegative() || d.isZero()) {
                    throw new DateTimeParseException("not positive", part, 0);
                }
                all.add(d);
            } catch (DateTimeParseException e) {
                unreadable(key, raw.get(), "positive ISO-8601 durations separated by commas, such as PT30S,PT2M,PT10M",
                        fallback, WARNING);
                return fallback;
            }
        }
        return List.copyOf(all);
    }

    private int number(String key, int fallback, int min, int max) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        unreadable(key, raw.get(), "a whole number from " + min + " to " + max, fallback, WARNING);
        return fallback;
    }

    /** An API's base URL, without trailing slashes. */
    private URI baseUrl(String key, String fallback) {
        return uri(key, fallback, WARNING).map(u -> URI.create(u.toString().replaceAll("/+$", ""))).orElse(URI.create(fallback));
    }

    /**
     * The operators listed by {@code <tenant id>:<object id>}, lower-cased. Anything else is ignored with a warning: a user
     * principal name can be renamed and reused, and an object id alone could come from any tenant.
     */
    private Set<String> adminPairs() {
        Set<String> pairs = new java.util.TreeSet<>();
        for (String entry : lowerCaseList(ADMINS)) {
            String[] parts = entry.split(":", -1);
            if (parts.length == 2 && TenantId.isValid(parts[0]) && TenantId.isValid(parts[1])) {
                pairs.add(entry);
            } else {
                problems.add(SetupProblem.warning(ADMINS, "'" + entry + "' is not a <tenant id>:<object id> pair, so it grants "
                        + "nothing. " + (entry.contains("@") ? "A user principal name can be renamed or reused, and "
                        + "names in another tenant can look alike: it does not identify a person." : "An object id is "
                        + "unique only together with its tenant."), "List each operator as <tenant id>:<object id> "
                        + "(az ad signed-in-user show --query id, or az ad user show --id <user principal name> --query id; "
                        + "the tenant id from az account show --query tenantId), or assign an app role in an operator tenant."));
            }
        }
        return Set.copyOf(pairs);
    }

    private Set<String> guidList(String key) {
        Set<String> ids = new java.util.TreeSet<>();
        for (String id : lowerCaseList(key)) {
            if (TenantId.isValid(id)) {
                ids.add(id);
            } else {
                problems.add(SetupProblem.warning(key, "'" + id + "' is not a GUID, so it is left out.",
                        "List application (client) ids, e.g. 7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e."));
            }
        }
        return Set.copyOf(ids);
    }

    /** Resources such as https://graph.microsoft.com or api://<app id>: no path segment after the host or app id. */
    private static final java.util.regex.Pattern RESOURCE =
            java.util.regex.Pattern.compile("^(https://[a-z0-9.-]+(:[0-9]+)?|api://[a-z0-9._~-]+)$");

    private Set<String> resources() {
        Set<String> all = new java.util.TreeSet<>();
        String raw = text(TOKEN_USE_RESOURCES).orElse(DEFAULT_TOKEN_RESOURCES);
        for (String r : raw.toLowerCase(Locale.ROOT).split("[,\\s]+")) {
            String resource = r.replaceAll("/+$", "");
            if (resource.isEmpty()) {
                continue;
            }
            if (RESOURCE.matcher(resource).matches()) {
                all.add(resource);
            } else {
                problems.add(SetupProblem.warning(TOKEN_USE_RESOURCES, "'" + r + "' is not a resource, so no token is "
                        + "issued for it.", "Name resources as https://<host> or api://<app id>, e.g. "
                        + DEFAULT_TOKEN_RESOURCES + "."));
            }
        }
        return Set.copyOf(all);
    }

    /**
     * {@code <client id>=<resource>[+<resource>…][@<tenant id>[+<tenant id>…]]}, comma-separated: a client named here may
     * obtain tokens only for those resources and partner tenants.
     */
    private Map<String, ConsentSettings.TokenBinding> tokenBindings() {
        Map<String, ConsentSettings.TokenBinding> bindings = new java.util.TreeMap<>();
        Optional<String> raw = text(TOKEN_USE_BINDINGS);
        if (raw.isEmpty()) {
            return Map.of();
        }
        for (String entry : raw.get().toLowerCase(Locale.ROOT).split("\\s*,\\s*")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([0-9a-f-]{36})=([^@]*)(@(.+))?$").matcher(entry.strip());
            Set<String> resources = m.matches() ? splitPlus(m.group(2)).stream().map(r -> r.replaceAll("/+$", ""))
                    .collect(Collectors.toUnmodifiableSet()) : Set.of();
            Set<String> tenants = m.matches() && m.group(4) != null ? splitPlus(m.group(4)) : Set.of();
            boolean ok = m.matches() && TenantId.isValid(m.group(1))
                    && resources.stream().allMatch(r -> RESOURCE.matcher(r).matches())
                    && tenants.stream().allMatch(TenantId::isValid);
            if (ok) {
                bindings.put(m.group(1), new ConsentSettings.TokenBinding(resources, tenants));
            } else if (!entry.isBlank()) {
                problems.add(SetupProblem.warning(TOKEN_USE_BINDINGS, "'" + entry + "' is not <client id>=<resource>"
                        + "[+<resource>…][@<tenant id>[+<tenant id>…]], so that client gets no access tokens.",
                        "e.g. 7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e=https://graph.microsoft.com@<partner tenant id>."));
                bindings.put(entry.split("=", 2)[0].strip(), new ConsentSettings.TokenBinding(Set.of("(none)"), Set.of()));
            }
        }
        return Map.copyOf(bindings);
    }

    /**
     * Webhooks as {@code [json=|teams=|slack=]<https URL>}, comma- or blank-separated. A URL that is not https is left
     * out: it is a credential, and alerts name tenants. Problems never quote the URL.
     */
    private List<ConsentSettings.Webhook> webhooks() {
        List<ConsentSettings.Webhook> hooks = new ArrayList<>();
        int n = 0;
        for (String entry : text(ALERTS_WEBHOOKS).map(v -> v.split("[,\\s]+")).orElse(new String[0])) {
            if (entry.isBlank()) {
                continue;
            }
            n++;
            String format = "json";
            String url = entry;
            int eq = entry.indexOf('=');
            if (eq > 0 && WEBHOOK_FORMATS.contains(entry.substring(0, eq).toLowerCase(Locale.ROOT))) {
                format = entry.substring(0, eq).toLowerCase(Locale.ROOT);
                url = entry.substring(eq + 1);
            }
            URI uri = null;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                // reported below
            }
            if (uri != null && "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                hooks.add(new ConsentSettings.Webhook(format, uri));
            } else {
                problems.add(SetupProblem.warning(ALERTS_WEBHOOKS, "Webhook " + n + " is not an https URL "
                        + "(its value is not shown: a webhook URL is a credential), so no alert is posted to it.",
                        "List webhooks as [json=|teams=|slack=]https://…, separated by commas."));
            }
        }
        return List.copyOf(hooks);
    }

    private static Set<String> splitPlus(String value) {
        return Arrays.stream(value.split("\\+")).map(String::strip).filter(v -> !v.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static final java.util.regex.Pattern SCOPE_NAME = java.util.regex.Pattern.compile("^[A-Za-z0-9._-]{1,120}$");

    /**
     * {@code <app id>=<resource app id>:<scope>[+<scope>…][,<resource app id>:<scope>…]}, apps separated by {@code ;};
     * {@code self} stands for this app's client id. Unset: this app, granted Microsoft Graph's {@code User.Read}.
     */
    private List<ConsentSettings.CustomerApp> customerApps(Optional<String> clientId) {
        Optional<String> raw = text(CUSTOMER_APPS);
        if (raw.isEmpty()) {
            return clientId.map(id -> List.of(new ConsentSettings.CustomerApp(id.toLowerCase(Locale.ROOT),
                    List.of(new ConsentSettings.AppGrant(GRAPH_APP_ID, "User.Read"))))).orElse(List.of());
        }
        List<ConsentSettings.CustomerApp> apps = new ArrayList<>();
        String fix = "Write <app id>=<resource app id>:<scope>+<scope>,<resource app id>:<scope>, apps separated by ';', e.g. self="
                + GRAPH_APP_ID + ":User.Read+Directory.Read.All.";
        for (String entry : raw.get().split(";")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            String app = eq < 0 ? "" : e.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (app.equals("self")) {
                app = clientId.map(c -> c.toLowerCase(Locale.ROOT)).orElse("");
            }
            List<ConsentSettings.AppGrant> grants = new ArrayList<>();
            boolean readable = TenantId.isValid(app);
            for (String g : eq < 0 ? new String[0] : e.substring(eq + 1).split(",")) {
                String[] parts = g.strip().split(":", 2);
                List<String> scopes = parts.length < 2 ? List.of() : Arrays.stream(parts[1].split("\\+")).map(String::strip).toList();
                if (parts.length < 2 || !TenantId.isValid(parts[0].strip()) || scopes.isEmpty()
                        || !scopes.stream().allMatch(sc -> SCOPE_NAME.matcher(sc).matches())) {
                    readable = false;
                    break;
                }
                grants.add(new ConsentSettings.AppGrant(parts[0].strip().toLowerCase(Locale.ROOT), String.join(",", scopes)));
            }
            if (readable && !grants.isEmpty()) {
                apps.add(new ConsentSettings.CustomerApp(app, grants));
            } else {
                problems.add(SetupProblem.warning(CUSTOMER_APPS, "'" + (e.length() > 120 ? e.substring(0, 120) + "…" : e)
                        + "' is not an application with grants, so it is not consented in customers.", fix));
            }
        }
        return List.copyOf(apps);
    }

    /** Comma- or blank-separated values, lower-cased (ids and names Entra compares without case). */
    private Set<String> lowerCaseList(String key) {
        return text(key).map(v -> Arrays.stream(v.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty())
                        .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    private Optional<String> text(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
    }

    private Optional<URI> uri(String key) {
        return uri(key, "no URL", BLOCKING);
    }

    /** An absolute URL with a host, or empty (missing, blank or unreadable: then a setup problem). */
    private Optional<URI> uri(String key, String instead, boolean blocking) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.get());
            if (uri.isAbsolute() && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        unreadable(key, raw.get(), "an absolute URL with a host, e.g. https://host/path", instead, blocking);
        return Optional.empty();
    }

    private boolean bool(String key, boolean fallback) {
        return bool(key, fallback, BLOCKING);
    }

    private boolean bool(String key, boolean fallback, boolean blocking) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        // MicroProfile Config's own spellings of true, and their opposites: "off" must never switch something on
        switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "on", "1":
                return true;
            case "false", "no", "n", "off", "0":
                return false;
            default:
                break;
        }
        unreadable(key, raw.get(), "true or false", fallback, blocking);
        return fallback;
    }

    private static final java.util.regex.Pattern KEY_ID = java.util.regex.Pattern.compile("^[A-Za-z0-9_-]{1,32}$");

    /**
     * The key ring: {@code partnerconsent.cookie-keys} as {@code <id>:<base64 key>} pairs, newest first, or else the single
     * {@code partnerconsent.cookie-key} (id {@code default}). An unreadable entry is a problem and left out.
     */
    private List<ConsentSettings.CookieKey> cookieKeys() {
        Optional<String> ring = text(COOKIE_KEYS);
        List<ConsentSettings.CookieKey> keys = new ArrayList<>();
        if (ring.isEmpty()) {
            text(COOKIE_KEY).flatMap(raw -> key(COOKIE_KEY, raw)).ifPresent(k -> keys.add(new ConsentSettings.CookieKey("default", k)));
            return List.copyOf(keys);
        }
        if (text(COOKIE_KEY).isPresent()) {
            problems.add(SetupProblem.warning(COOKIE_KEY, "Both partnerconsent.cookie-key and partnerconsent.cookie-keys are set; "
                    + "the key ring is used.", "Add the single key to the ring (as its last entry, e.g. default:<key>) and remove "
                    + "partnerconsent.cookie-key."));
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (String entry : ring.get().split("\\s*,\\s*")) {
            String[] parts = entry.strip().split(":", 2);
            if (parts.length != 2 || !KEY_ID.matcher(parts[0]).matches() || !ids.add(parts[0])) {
                problems.add(new SetupProblem(COOKIE_KEYS, "An entry is not <id>:<base64 key> with a unique id of letters, "
                        + "digits, '-' or '_'.", "List keys newest first, e.g. 2026-11:<openssl rand -base64 32>,2026-05:<older key>."));
                continue;
            }
            key(COOKIE_KEYS, parts[1]).ifPresent(k -> keys.add(new ConsentSettings.CookieKey(parts[0], k)));
        }
        return List.copyOf(keys);
    }

    /** A 32-byte key in Base64; the problem (never the value) otherwise. */
    private Optional<byte[]> key(String setting, String raw) {
        try {
            byte[] key = Base64.getDecoder().decode(raw.strip());
            if (key.length != 32) {
                problems.add(new SetupProblem(setting, "A key is " + key.length + " bytes; it must be 32 (256 bits).",
                        "Generate one with: openssl rand -base64 32"));
                return Optional.empty();
            }
            return Optional.of(key);
        } catch (IllegalArgumentException e) {
            problems.add(new SetupProblem(setting, "A key is not valid Base64.", "Generate one with: openssl rand -base64 32"));
            return Optional.empty();
        }
    }
}
