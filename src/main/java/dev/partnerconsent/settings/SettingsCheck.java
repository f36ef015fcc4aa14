package dev.partnerconsent.settings;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks that the settings are complete and well-formed, before any Azure call is made: the
 * misconfigurations that make Microsoft's sample fail with a blank page are named here instead.
 */
public final class SettingsCheck {

    private static final Pattern GUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

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
        boolean someKvCredential = s.keyVault().tenantId().isPresent() || s.keyVault().clientId().isPresent()
                || s.keyVault().clientSecret().isPresent();
        if (someKvCredential && !s.keyVault().usesClientSecret()) {
            problems.add(new SetupProblem(SettingsReader.PREFIX + "keyvault.*",
                    "Only part of the Key Vault client credential is set (tenant-id, client-id and client-secret go together).",
                    "Set all three, or none to use the managed identity (DefaultAzureCredential)."));
        }
        return List.copyOf(problems);
    }

    public static boolean isGuid(String value) {
        return GUID.matcher(value).matches();
    }

    public static boolean isLoopbackHttp(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return "http".equalsIgnoreCase(uri.getScheme())
                && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    }
}
