package dev.partnerconsent.it.support;

import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.partnerconsent.diagnostics.ConsentMetrics;
import dev.partnerconsent.settings.MapConfig;
import dev.partnerconsent.standin.StandIns;
import dev.partnerconsent.vault.ConsentRecord;
import dev.partnerconsent.vault.TokenVault;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Consents stored the way the consent flow stores them, for fresh tenants Entra issued refresh tokens to. */
public final class SeededConsents {

    private static final String USER = "admin@seeded-partner.onmicrosoft.com";
    private static final String SCOPES = "https://api.partnercenter.microsoft.com/user_impersonation offline_access openid profile";

    private SeededConsents() {
    }

    /** {@code count} new tenants with a consent signed in with MFA, in the vault the app of this class uses. */
    public static List<String> seed(int count) throws Exception {
        return seed(count, true);
    }

    public static List<String> seed(int count, boolean mfa) throws Exception {
        StandIns standIns = StandInsExtension.standIns();
        TokenVault vault = new TokenVault(MapConfig.settings(StandInsExtension.appSettings()), new ConsentMetrics(),
                new dev.partnerconsent.vault.TenantLocks(), java.time.Clock.systemUTC());
        List<String> tenants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String tenant = UUID.randomUUID().toString();
            String token = standIns.entra().issueRefreshToken(tenant, USER, mfa, StandIns.APP_CLIENT_ID, SCOPES);
            vault.store(new ConsentRecord(tenant, USER, UUID.randomUUID().toString(), Instant.now(), StandIns.APP_CLIENT_ID,
                    SCOPES, mfa), new RefreshToken(token));
            tenants.add(tenant);
        }
        return tenants;
    }
}
