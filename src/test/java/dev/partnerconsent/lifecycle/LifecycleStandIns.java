package dev.partnerconsent.lifecycle;

import dev.partnerconsent.entra.TokenRedemption;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.partnerconsent.settings.MapConfig;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.entra.ClientCredentials;
import dev.partnerconsent.entra.ProviderMetadataSource;
import dev.partnerconsent.standin.StandIns;
import dev.partnerconsent.alerts.Alerting;
import dev.partnerconsent.alerts.HealthWatch;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.store.AlertClaims;
import dev.partnerconsent.store.AuditTrail;
import dev.partnerconsent.store.WatchedAuditTrail;
import dev.partnerconsent.store.HealthLedger;
import dev.partnerconsent.store.Database;
import dev.partnerconsent.store.KeepAliveLease;
import dev.partnerconsent.store.RunHistory;
import dev.partnerconsent.store.TenantRowLocks;
import dev.partnerconsent.store.TestDatabases;
import dev.partnerconsent.vault.ConsentRecord;
import dev.partnerconsent.vault.TenantLocks;
import dev.partnerconsent.vault.TokenVault;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The lifecycle components wired by hand (no container) against the local Entra ID and Key Vault, the way CDI wires
 * them in the app; each {@link #components} call reads its own settings.
 */
final class LifecycleStandIns implements AutoCloseable {

    static final String SCOPES = "https://api.partnercenter.microsoft.com/user_impersonation offline_access openid profile";
    static final String ADMIN = "admin@partner.onmicrosoft.com";

    final StandIns standIns;
    final Map<String, String> baseSettings;
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    private LifecycleStandIns(StandIns standIns) {
        this.standIns = standIns;
        this.baseSettings = Map.copyOf(standIns.registerApp("http://127.0.0.1:8080"));
    }

    static LifecycleStandIns start() {
        return new LifecycleStandIns(StandIns.start(Path.of(System.getProperty("standin.dir")), 0, 0));
    }

    /** The app's beans for these settings on top of the stand-ins' own: one node with a database of its own. */
    Components components(Map<String, String> overrides) {
        return components(overrides, TestDatabases.fresh(), "node", Clock.systemUTC());
    }

    /**
     * One node of a cluster whose nodes share {@code database} (in-memory H2, as the servers' default); {@code clock}
     * is the keep-alive's (its lease times).
     */
    Components components(Map<String, String> overrides, DataSource database, String node, Clock clock) {
        Map<String, String> all = new HashMap<>(baseSettings);
        all.put("partnerconsent.allowed-tenants", "*");
        all.putAll(overrides);
        Settings settings = MapConfig.settings(all);
        if (!settings.ready()) {
            throw new IllegalStateException(settings.problems().toString());
        }
        LifecycleSettings lifecycle = new LifecycleSettings(settings);
        Database db = Database.on(database);
        WatchedAuditTrail audit = new WatchedAuditTrail(db, Clock.systemUTC());
        RunHistory history = new RunHistory(db, clock);
        TenantLocks locks = new TenantLocks();
        TokenVault vault = new TokenVault(settings, new dev.partnerconsent.diagnostics.ConsentMetrics(), locks, java.time.Clock.systemUTC());
        TokenRedemption redemption = new TokenRedemption(new ProviderMetadataSource(settings), new ClientCredentials(settings),
                new dev.partnerconsent.diagnostics.ConsentMetrics(), Clock.systemUTC());
        HealthLedger ledger = new HealthLedger(db, clock);
        Alerting alerting = new Alerting(settings, new FailureCatalogue(), new AlertClaims(db, clock), audit, clock);
        HealthWatch health = new HealthWatch(ledger, alerting);
        TokenRotation rotation = new TokenRotation(vault, redemption, settings, lifecycle, locks, new TenantRowLocks(db),
                audit, health, Clock.systemUTC());
        KeepAlive keepAlive = new KeepAlive(vault, rotation, lifecycle, new ManagedExecutors(workers, scheduler), audit,
                history, new KeepAliveLease(db, settings.get().store().keepAliveLease(), node), alerting, health, clock);
        return new Components(settings, lifecycle, vault, redemption, rotation, keepAlive,
                new AccessCheck(rotation, lifecycle, new dev.partnerconsent.entra.MicrosoftApis(settings), audit, health,
                        Clock.systemUTC()),
                new TokenUse(rotation, redemption, audit, health), audit, history, ledger, alerting,
                new HealthBackfill(vault, health, lifecycle, new ManagedExecutors(workers, scheduler), clock));
    }

    record Components(Settings settings, LifecycleSettings lifecycle, TokenVault vault, TokenRedemption redemption,
                      TokenRotation rotation, KeepAlive keepAlive, AccessCheck accessCheck, TokenUse tokenUse,
                      WatchedAuditTrail audit, RunHistory history, HealthLedger ledger, Alerting alerting,
                      HealthBackfill backfill) {
    }

    /** A new tenant with a stored consent: Entra issued the refresh token and the consent flow's store wrote it. */
    String consentedTenant(TokenVault vault, boolean mfa) throws Exception {
        String tenant = UUID.randomUUID().toString();
        consent(vault, tenant, mfa);
        return tenant;
    }

    void consent(TokenVault vault, String tenant, boolean mfa) throws Exception {
        String token = standIns.entra().issueRefreshToken(tenant, ADMIN, mfa, StandIns.APP_CLIENT_ID, SCOPES);
        vault.store(new ConsentRecord(tenant.toLowerCase(Locale.ROOT), ADMIN, UUID.randomUUID().toString(), Instant.now(),
                StandIns.APP_CLIENT_ID, SCOPES, mfa), new RefreshToken(token));
    }

    @Override
    public void close() {
        workers.shutdownNow();
        scheduler.shutdownNow();
        standIns.close();
    }
}
