package dev.partnerconsent.settings;

import dev.partnerconsent.tenant.TenantId;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks that the settings are complete and well-formed, before any Azure call is made: the
 * misconfigurations that make Microsoft's sample fail with a blank page are named here instead.
 */
public final class SettingsCheck {

    private SettingsCheck() {
    }

    public static List<SetupProblem> check(ConsentSettings s) {
        List<SetupProblem> problems = new ArrayList<>(s.parseProblems());
        if (s.clientId().isEmpty()) {
            problems.add(new SetupProblem(SettingsReader.CLIENT_ID, "No application (client) id is set.",
                    "Copy the 'Application (client) ID' GUID from Entra ID > App registrations > your app > Overview."));
        } else if (!isGuid(s.clientId().get())) {
            problems.add(new SetupProblem(SettingsReader.CLIENT_ID,
                    "'" + s.clientId().get() + "' is not a GUID; an application id looks like 00000000-0000-0000-0000-000000000000.",
                    "Copy the 'Application (client) ID' from the app registration's Overview page (not its name or object id)."));
        }
        if (s.clientSecret().isEmpty() && s.clientCertificate().isEmpty()) {
            problems.add(new SetupProblem(SettingsReader.CLIENT_SECRET, "Neither a client secret nor a client certificate is set.",
                    "Set " + SettingsReader.CLIENT_SECRET + " to the secret's Value (Certificates & secrets > Client secrets), or "
                            + SettingsReader.CLIENT_CERTIFICATE + " to a PEM or PKCS#12 file whose certificate is uploaded to the app."));
        }
        if (s.redirectUri().isEmpty()) {
            if (s.parseProblems().stream().noneMatch(p -> p.key().equals(SettingsReader.REDIRECT_URI))) {
                problems.add(new SetupProblem(SettingsReader.REDIRECT_URI, "No redirect URI is set.",
                        "Set it to the exact reply URL registered under Authentication > Web > Redirect URIs, e.g. https://consent.example.com/consent/callback."));
            }
        } else {
            URI redirect = s.redirectUri().get();
            if (!"https".equalsIgnoreCase(redirect.getScheme()) && !isLoopbackHttp(redirect)) {
                problems.add(new SetupProblem(SettingsReader.REDIRECT_URI,
                        "'" + redirect + "' is not https; Entra ID accepts http reply URLs only for localhost.",
                        "Serve the app over https (or behind a TLS proxy) and register the https URL."));
            }
            if (redirect.getRawQuery() != null || redirect.getRawFragment() != null) {
                problems.add(new SetupProblem(SettingsReader.REDIRECT_URI,
                        "'" + redirect + "' has a query or fragment; reply URLs must not.",
                        "Remove everything from '?' or '#' here and in the app registration."));
            }
        }
        if (s.keyVault().url().isEmpty()) {
            if (s.parseProblems().stream().noneMatch(p -> p.key().equals(SettingsReader.KV_URL))) {
                problems.add(new SetupProblem(SettingsReader.KV_URL, "No Key Vault URL is set.",
                        "Copy the 'Vault URI' from the key vault's Overview page, e.g. https://my-vault.vault.azure.net/."));
            }
        } else if (!"https".equalsIgnoreCase(s.keyVault().url().get().getScheme())) {
            problems.add(new SetupProblem(SettingsReader.KV_URL, "Key Vault is only reachable over https.",
                    "Use the 'Vault URI' from the key vault's Overview page, which starts with https://."));
        }
        checkAuthority(s, problems);
        checkKeyVaultShape(s, problems);
        checkMoreSettings(s, problems);
        checkApiHosts(SettingsReader.PARTNER_CENTER_URL, s.lifecycle().partnerCenterUrl(), PARTNER_CENTER_HOSTS,
                s.lifecycle().otherApiHosts(), problems);
        checkApiHosts(SettingsReader.GRAPH_URL, s.lifecycle().graphUrl(), GRAPH_HOSTS, s.lifecycle().otherApiHosts(), problems);
        boolean someKvCredential = s.keyVault().tenantId().isPresent() || s.keyVault().clientId().isPresent()
                || s.keyVault().clientSecret().isPresent();
        if (someKvCredential && !s.keyVault().usesClientSecret()) {
            problems.add(new SetupProblem(SettingsReader.PREFIX + "keyvault.*",
                    "Only part of the Key Vault client credential is set (tenant-id, client-id and client-secret go together).",
                    "Set all three, or none to use the managed identity (DefaultAzureCredential)."));
        }
        return List.copyOf(problems);
    }

    private static final Pattern VAULT_HOST = Pattern.compile(
            "^[a-z0-9-]{3,24}\\.vault\\.(azure\\.net|usgovcloudapi\\.net|azure\\.cn|microsoftazure\\.de)$");
    private static final Pattern TENANT_SEGMENT = Pattern.compile(
            "^(organizations|common|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[A-Za-z0-9.-]+\\.[A-Za-z]{2,})$");
    /** Entra ID sign-in hosts of the public and sovereign clouds, with the vault suffix of the same cloud. */
    static final java.util.Map<String, String> KNOWN_AUTHORITY_HOSTS = java.util.Map.of(
            "login.microsoftonline.com", "vault.azure.net",
            "login.microsoftonline.us", "vault.usgovcloudapi.net",
            "login.chinacloudapi.cn", "vault.azure.cn",
            "login.partner.microsoftonline.cn", "vault.azure.cn");

    private static void checkAuthority(ConsentSettings s, List<SetupProblem> problems) {
        URI authority = s.authority().orElse(null);
        if (authority == null) {
            return;
        }
        String key = SettingsReader.AUTHORITY;
        if (!"https".equalsIgnoreCase(authority.getScheme()) && !isLoopbackHttp(authority)) {
            problems.add(new SetupProblem(key, "'" + authority + "' is not https.",
                    "Use https://login.microsoftonline.com/organizations/v2.0 (or your cloud's sign-in host)."));
        }
        String[] segments = authority.getPath() == null ? new String[0] : authority.getPath().replaceAll("^/|/$", "").split("/");
        if (segments.length != 2 || !"v2.0".equals(segments[1]) || !TENANT_SEGMENT.matcher(segments[0]).matches()) {
            problems.add(new SetupProblem(key, "'" + authority + "' is not a v2.0 authority of the form https://<host>/<tenant>/v2.0.",
                    "Use https://login.microsoftonline.com/organizations/v2.0 for a multi-tenant partner app "
                            + "(or a tenant id or domain in place of 'organizations')."));
        } else if ("common".equals(segments[0])) {
            problems.add(SetupProblem.warning(key, "'common' also admits personal Microsoft accounts, which cannot consent for a partner tenant.",
                    "Prefer https://" + authority.getHost() + "/organizations/v2.0."));
        }
        String host = authority.getHost() == null ? "" : authority.getHost().toLowerCase(Locale.ROOT);
        if (!KNOWN_AUTHORITY_HOSTS.containsKey(host) && !isLoopbackHttp(authority)) {
            problems.add(SetupProblem.warning(key, "'" + host + "' is not the sign-in host of a known Microsoft cloud "
                            + "(global login.microsoftonline.com, US Gov login.microsoftonline.us, China login.chinacloudapi.cn / "
                            + "login.partner.microsoftonline.cn).",
                    "Keep it only if you deliberately use a custom or proxied authority."));
        }
        String expectedSuffix = KNOWN_AUTHORITY_HOSTS.get(host);
        String vaultHost = s.keyVault().url().map(URI::getHost).orElse("").toLowerCase(Locale.ROOT);
        if (expectedSuffix != null && VAULT_HOST.matcher(vaultHost).matches() && !vaultHost.endsWith("." + expectedSuffix)) {
            problems.add(SetupProblem.warning(SettingsReader.KV_URL, "The vault " + vaultHost + " is in another cloud than the authority "
                            + host + " (whose vaults end in ." + expectedSuffix + ").",
                    "Use a vault and an authority of the same cloud, and set partnerconsent.keyvault.authority-host for a sovereign cloud."));
        }
    }

    private static void checkKeyVaultShape(ConsentSettings s, List<SetupProblem> problems) {
        URI url = s.keyVault().url().orElse(null);
        if (url == null) {
            return;
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        String path = url.getPath() == null ? "" : url.getPath();
        if (!path.isEmpty() && !"/".equals(path)) {
            problems.add(new SetupProblem(SettingsReader.KV_URL, "'" + url + "' has a path; the vault URL is only https://<vault-name>.vault.azure.net/.",
                    "Use the 'Vault URI' from the key vault's Overview page, without /secrets/... ."));
        }
        if (!VAULT_HOST.matcher(host).matches()) {
            if (s.keyVault().verifyChallengeResource()) {
                problems.add(new SetupProblem(SettingsReader.KV_URL, "'" + host + "' is not a Key Vault host (<name>.vault.azure.net, "
                                + ".vault.usgovcloudapi.net or .vault.azure.cn; the name is 3-24 letters, digits and dashes).",
                        "Copy the 'Vault URI' from the key vault's Overview page. Only for an emulator or a custom domain, set "
                                + SettingsReader.KV_VERIFY_CHALLENGE + "=false."));
            } else {
                problems.add(SetupProblem.warning(SettingsReader.KV_URL, "'" + host + "' is not an Azure Key Vault host; accepted because "
                                + SettingsReader.KV_VERIFY_CHALLENGE + "=false (emulator or custom domain).",
                        "In production, use the vault's own https://<name>.vault.azure.net/ URL and remove that override."));
            }
        }
    }

    /** Partner Center's documented base hosts: global (and US Government), 21Vianet, pricing and referrals. */
    static final Set<String> PARTNER_CENTER_HOSTS = Set.of("api.partnercenter.microsoft.com",
            "partner.partnercenterapi.microsoftonline.cn", "api.partner.microsoft.com");
    /** Microsoft Graph's national cloud hosts: global, US Government L4 and L5 (DoD), 21Vianet. */
    static final Set<String> GRAPH_HOSTS = Set.of("graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us",
            "microsoftgraph.chinacloudapi.cn");

    /**
     * The app sends partner admins' access tokens to these base URLs: anything but https on Microsoft's own host would
     * hand a token carrying the admin's MFA to someone else. Another host only with the explicit override, and a warning.
     */
    private static void checkApiHosts(String key, URI url, Set<String> known, boolean otherHosts, List<SetupProblem> problems) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if ("https".equalsIgnoreCase(url.getScheme()) && known.contains(host) && url.getPort() == -1) {
            return;
        }
        String what = "'" + url + "' is not https on one of Microsoft's hosts for it (" + String.join(", ", new java.util.TreeSet<>(known))
                + "); access tokens are sent there.";
        if (otherHosts) {
            problems.add(SetupProblem.warning(key, what + " Accepted because " + SettingsReader.APIS_OTHER_HOSTS + "=true.",
                    "In production, leave " + key + " at its default (or the national cloud's host) and remove "
                            + SettingsReader.APIS_OTHER_HOSTS + "."));
        } else {
            problems.add(new SetupProblem(key, what, "Leave " + key + " at its default, or set the national cloud's host. Only for"
                    + " a local stand-in or a test proxy, set " + SettingsReader.APIS_OTHER_HOSTS + "=true."));
        }
    }

    private static void checkMoreSettings(ConsentSettings s, List<SetupProblem> problems) {
        if (s.clientSecret().isPresent() && isGuid(s.clientSecret().get().getValue())) {
            problems.add(new SetupProblem(SettingsReader.CLIENT_SECRET,
                    "The client secret looks like a GUID: that is the secret's ID, not its Value (Entra ID would answer AADSTS7000215).",
                    "In Certificates & secrets, create a new secret and copy the 'Value' column (about 40 characters), not 'Secret ID'."));
        }
        if (s.keyVault().clientSecret().isPresent() && isGuid(s.keyVault().clientSecret().get().getValue())) {
            problems.add(new SetupProblem(SettingsReader.KV_CLIENT_SECRET,
                    "The Key Vault client secret looks like a GUID: that is the secret's ID, not its Value (AADSTS7000215).",
                    "Copy the secret's 'Value' column, not 'Secret ID'."));
        }
        s.keyVault().tenantId().filter(v -> !isGuid(v)).ifPresent(v -> problems.add(new SetupProblem(SettingsReader.KV_TENANT_ID,
                "'" + v + "' is not a tenant id GUID.", "Copy the 'Directory (tenant) ID' of the Key Vault principal's tenant.")));
        s.keyVault().clientId().filter(v -> !isGuid(v)).ifPresent(v -> problems.add(new SetupProblem(SettingsReader.KV_CLIENT_ID,
                "'" + v + "' is not an application id GUID.", "Copy the 'Application (client) ID' of the Key Vault principal.")));
        checkAllowedTenants(s, problems);
        s.requiredRoles().stream().filter(r -> !isGuid(r)).forEach(r -> problems.add(new SetupProblem(SettingsReader.REQUIRED_ROLES,
                "'" + r + "' is not a directory role template id (a GUID, as the ID token's wids claim lists roles).",
                "Use role template ids, e.g. 62e90394-69f5-4237-9190-012177145e10 for Global Administrator, separated by commas.")));
        if (!s.scopes().contains("openid") || !s.scopes().contains("offline_access")) {
            problems.add(new SetupProblem(SettingsReader.SCOPES, "The scopes must include openid (for the ID token) and offline_access (for the refresh token).",
                    "Use the default: " + SettingsReader.DEFAULT_SCOPES));
        }
        if (s.scopes().stream().noneMatch(scope -> scope.getValue().startsWith("https://api.partnercenter.microsoft.com/"))) {
            // every consent is proven at Partner Center with the access token of this request: without the scope, none is
            problems.add(new SetupProblem(SettingsReader.SCOPES, "No Partner Center scope is requested: Partner Center would "
                    + "refuse the access token every consent is proven with, and the stored refresh token could not reach it.",
                    "Include https://api.partnercenter.microsoft.com/user_impersonation."));
        }
        try {
            com.nimbusds.openid.connect.sdk.Prompt.parse(s.prompt());
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            problems.add(new SetupProblem(SettingsReader.PROMPT, "'" + s.prompt() + "' is not a prompt value.",
                    "Use login (the default), select_account or consent."));
        }
        s.clientCertificate().filter(f -> !java.nio.file.Files.isReadable(f)).ifPresent(f -> problems.add(new SetupProblem(
                SettingsReader.CLIENT_CERTIFICATE, "The file " + f + " does not exist or cannot be read by the server.",
                "Give the absolute path of a PEM (certificate + private key) or PKCS#12 file readable by the server's user.")));
        s.keyVault().secretPrefix().chars().filter(c -> !Character.isLetterOrDigit(c) && c != '-').findAny().ifPresent(c ->
                problems.add(new SetupProblem(SettingsReader.KV_SECRET_PREFIX, "The prefix '" + s.keyVault().secretPrefix()
                        + "' has characters Key Vault names do not allow.", "Use only letters, digits and dashes.")));
        s.redirectUri().filter(u -> u.getPath() != null && u.getPath().endsWith("/")).ifPresent(u -> problems.add(SetupProblem.warning(
                SettingsReader.REDIRECT_URI, "'" + u + "' ends with '/'. Entra ID compares reply URLs exactly: a registration without "
                        + "the slash fails with AADSTS50011/AADSTS500112.",
                "Make sure the registered Redirect URI ends with '/' too, or drop the slash in both.")));
        if (s.cookieKeys().isEmpty()) {
            problems.add(SetupProblem.warning(SettingsReader.COOKIE_KEY, "No cookie key is set: a key is made per process, so a sign-in "
                    + "started on one node cannot finish on another, nor across a restart.", "Set the same key on every node: openssl rand -base64 32"));
        }
        if (!s.requireMfa()) {
            problems.add(SetupProblem.warning(SettingsReader.REQUIRE_MFA, "Consents without MFA are stored (with a warning); Partner Center "
                    + "refuses their tokens for most calls.", "Set partnerconsent.require-mfa=true (the default)."));
        }
    }

    /**
     * Who may store a consent: a list of partner tenant ids, or {@code *} said explicitly. Left empty, any Entra tenant
     * whose user signs in could add secrets to the vault, so an empty list blocks consents.
     */
    private static void checkAllowedTenants(ConsentSettings s, List<SetupProblem> problems) {
        String key = SettingsReader.ALLOWED_TENANTS;
        if (s.allowedTenants().isEmpty()) {
            problems.add(new SetupProblem(key, "No tenant is allowed to store a consent: the list is empty.",
                    "List your partner tenant id(s) (Entra ID > Overview > Tenant ID), separated by commas; or set it to "
                            + ConsentSettings.ANY_TENANT + " to let any Entra tenant's partner admin store a consent "
                            + "(a deployment serving many partners)."));
            return;
        }
        if (s.allowsAnyTenant()) {
            if (s.allowedTenants().size() > 1) {
                problems.add(new SetupProblem(key, "'" + ConsentSettings.ANY_TENANT + "' is listed beside tenant ids, so "
                        + "the ids mean nothing.", "Set either " + ConsentSettings.ANY_TENANT + " alone or only tenant ids."));
            }
            problems.add(SetupProblem.warning(key, "Any Entra tenant may store a consent (" + ConsentSettings.ANY_TENANT
                    + "); Partner Center still has to accept its admin's token.",
                    "List your partner tenant ids instead, unless this deployment serves many partners."));
            return;
        }
        s.allowedTenants().stream().filter(t -> !isGuid(t)).forEach(t -> problems.add(new SetupProblem(key,
                "'" + t + "' is not a tenant id GUID.", "List partner tenant ids (GUIDs), separated by commas, or "
                        + ConsentSettings.ANY_TENANT + " alone for any tenant.")));
    }

    /** A GUID in any case, as {@link TenantId} reads one. */
    public static boolean isGuid(String value) {
        return TenantId.isValid(value) && value.strip().equals(value);
    }

    public static boolean isLoopbackHttp(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return "http".equalsIgnoreCase(uri.getScheme())
                && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    }
}
