package dev.partnerconsent.standin.entra;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One completed sign-in: who, in which tenant, with or without MFA, for which client and scopes.
 * Every code and refresh token of that sign-in points here, so claims carry over to refreshed tokens.
 */
record SignIn(String username, String tenantId, String oid, String name, boolean mfa, Instant authTime,
              String clientId, List<String> scopes) {

    SignIn {
        scopes = List.copyOf(scopes);
    }

    static SignIn of(String username, String tenantId, boolean mfa, String clientId, List<String> scopes) {
        return new SignIn(username, tenantId, objectId(tenantId, username), displayName(username), mfa,
                Instant.now(), clientId, scopes);
    }

    /** Stable per user and tenant, across restarts too, so demo runs are repeatable. */
    static String objectId(String tenantId, String username) {
        String key = "oid|" + tenantId.toLowerCase(Locale.ROOT) + "|" + username.toLowerCase(Locale.ROOT);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** "adele.vance@contoso.com" becomes "Adele Vance". */
    static String displayName(String username) {
        String local = username.contains("@") ? username.substring(0, username.indexOf('@')) : username;
        return Arrays.stream(local.split("[._-]+"))
                .filter(part -> !part.isEmpty())
                .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining(" "));
    }

    Match.RequestFacts facts() {
        return new Match.RequestFacts(username, tenantId, clientId);
    }
}
