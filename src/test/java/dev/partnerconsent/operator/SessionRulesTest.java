package dev.partnerconsent.operator;

import dev.partnerconsent.settings.MapConfig;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.store.StoredSession;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules an operator session is held to on every use: revoked, idle, capped, role taken away; and when a use is recorded. */
class SessionRulesTest {

    private static final Duration IDLE = Duration.ofMinutes(30);
    private static final Duration CAP = Duration.ofHours(8);
    private static final Instant SIGNED_IN = Instant.parse("2026-11-30T08:00:00Z");
    private static final String PARTNER = "bb0a3224-b41d-4f4c-b37d-355adcff7272";
    private static final String ALICE = "5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f";

    private static StoredSession session(Instant lastUsed) {
        return new StoredSession(PARTNER + ":" + ALICE, "alice", Optional.of("TOKEN_ISSUER"), "admins", SIGNED_IN, lastUsed,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static SessionRules.Verdict judge(StoredSession s, Instant now) {
        return SessionRules.judge(s, now, IDLE, CAP, true);
    }

    @Test
    void aSessionUsedWithinTheIdleTimeoutAndTheCapIsLive() {
        assertTrue(judge(session(SIGNED_IN), SIGNED_IN.plusSeconds(5)).live());
        assertTrue(judge(session(SIGNED_IN), SIGNED_IN.plus(IDLE)).live(), "exactly the idle time is still within it");
        Instant late = SIGNED_IN.plus(CAP).minusSeconds(1);
        assertTrue(judge(session(late.minus(IDLE)), late).live(), "kept busy, it lives up to its cap");
    }

    @Test
    void aSessionUnusedForLongerThanTheIdleTimeoutHasEnded() {
        SessionRules.Verdict v = judge(session(SIGNED_IN), SIGNED_IN.plus(IDLE).plusSeconds(1));
        assertEquals(Optional.of(SessionRules.End.IDLE), v.end());
        assertTrue(v.why().contains("partnerconsent.operator.session-idle (PT30M)"), v.why());
        assertFalse(v.recordUse(), "an ended session's use is not recorded");
    }

    @Test
    void aBusySessionEndsAtItsCap() {
        Instant capped = SIGNED_IN.plus(CAP);
        SessionRules.Verdict v = judge(session(capped.minusSeconds(10)), capped);
        assertEquals(Optional.of(SessionRules.End.OVER_CAP), v.end());
        assertTrue(v.why().contains("partnerconsent.operator.session (PT8H)"), v.why());
    }

    @Test
    void aRevokedSessionStaysEndedWhateverTheTime() {
        StoredSession revoked = new StoredSession(PARTNER + ":" + ALICE, "alice", Optional.of("READER"), "app-role", SIGNED_IN,
                SIGNED_IN, Optional.of(SIGNED_IN.plusSeconds(60)), Optional.of("bob"), Optional.of("revoked by an operator"));
        SessionRules.Verdict v = judge(revoked, SIGNED_IN.plusSeconds(61));
        assertEquals(Optional.of(SessionRules.End.REVOKED), v.end());
        assertTrue(v.why().contains("revoked by an operator"), v.why());
    }

    @Test
    void aSessionWhoseRoleTheSettingsNoLongerGrantHasEnded() {
        SessionRules.Verdict v = SessionRules.judge(session(SIGNED_IN), SIGNED_IN.plusSeconds(60), IDLE, CAP, false);
        assertEquals(Optional.of(SessionRules.End.ROLE_REMOVED), v.end());
        assertTrue(v.why().contains("TOKEN_ISSUER through admins"), v.why());
    }

    @Test
    void aUseIsRecordedAtMostOnceAMinute() {
        StoredSession s = session(SIGNED_IN);
        assertFalse(judge(s, SIGNED_IN.plusSeconds(59)).recordUse());
        assertTrue(judge(s, SIGNED_IN.plus(SessionRules.RECORD_USE_EVERY)).recordUse());
        assertTrue(judge(s, SIGNED_IN.plusSeconds(600)).recordUse());
    }

    @Test
    void theSettingsGrantARoleOnlyAsLongAsTheyStillSaySo() {
        Map<String, String> m = new HashMap<>();
        m.put("partnerconsent.client-id", "5e3f7c1a-8b2d-4c6e-9f10-2a3b4c5d6e7f");
        m.put("partnerconsent.client-secret", "s");
        m.put("partnerconsent.redirect-uri", "https://consent.example/consent/callback");
        m.put("partnerconsent.admins", PARTNER + ":" + ALICE);
        m.put("partnerconsent.operator-tenants", PARTNER);
        OperatorSettings before = new OperatorSettings(MapConfig.settings(m));
        Optional<OperatorRole> role = before.roleOf(PARTNER, ALICE, List.of("PartnerConsent.Reader"));
        assertEquals(RoleSource.ADMINS, before.sourceOf(PARTNER, ALICE, role), "the list wins over the app role");
        String bob = "0c9a8b7d-6e5f-4a3b-8c1d-0e9f8a7b6c5d";
        assertEquals(RoleSource.APP_ROLE, before.sourceOf(PARTNER, bob, before.roleOf(PARTNER, bob, List.of("PartnerConsent.Reader"))));
        assertEquals(RoleSource.NONE, before.sourceOf(PARTNER, bob, Optional.empty()));
        assertTrue(before.stillGrants(PARTNER, ALICE, RoleSource.ADMINS));
        assertTrue(before.stillGrants(PARTNER, bob, RoleSource.APP_ROLE));

        m.remove("partnerconsent.admins");
        Settings settings = MapConfig.settings(m);
        OperatorSettings afterRemoval = new OperatorSettings(settings);
        assertFalse(afterRemoval.stillGrants(PARTNER, ALICE, RoleSource.ADMINS), "removed from partnerconsent.admins");
        assertTrue(afterRemoval.stillGrants(PARTNER, bob, RoleSource.APP_ROLE));

        m.put("partnerconsent.operator-tenants", "189b32d9-3cef-4869-87eb-cdd49e6bfb03");
        OperatorSettings tenantRemoved = new OperatorSettings(MapConfig.settings(m));
        assertFalse(tenantRemoved.stillGrants(PARTNER, bob, RoleSource.APP_ROLE), "the tenant is no operator tenant any more");
        assertTrue(tenantRemoved.stillGrants(PARTNER, bob, RoleSource.NONE), "no role, nothing to take away");
        assertEquals(RoleSource.APP_ROLE, RoleSource.of("app-role"));
        assertEquals(RoleSource.NONE, RoleSource.of("something else"));
    }
}
