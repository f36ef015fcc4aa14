package dev.partnerconsent.it.support;

import dev.partnerconsent.health.ConsentFacts;
import dev.partnerconsent.standin.StandIns;
import dev.partnerconsent.vault.ConsentTags;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Many consents of every health, written straight into the local Key Vault as the app writes them (content type, tags,
 * a refresh token Entra issued as the value, versions of different ages) — for the dashboard's browser test and
 * benchmark, where 10,000 consents through the sign-in would take minutes. The values are not tokens Entra issued
 * (nothing here redeems them, and the suite's leak checks would otherwise scan every log for 10,000 more secrets): each
 * starts with {@link #VALUE_PREFIX}, so one search of a log or page finds any of them. Deterministic by index:
 * <ul>
 *   <li>every 40th: revoked (AADSTS50173 tagged, {@code needsReconsent=true});</li>
 *   <li>every 40th + 1: signed in without MFA;</li>
 *   <li>every 20th + 2: issued 80 days ago (re-consent by in 10 days);</li>
 *   <li>every 50th + 3: the last refresh failed for a passing cause ({@code keyvault-unreachable});</li>
 *   <li>every 25th + 4: never refreshed;</li>
 *   <li>the rest: refreshed fine, issued 0–69 days ago.</li>
 * </ul>
 */
public final class ConsentSeeds {

    private static final List<String> NAMES = List.of("contoso", "fabrikam", "northwind", "adatum", "litware", "tailspin",
            "wingtip", "woodgrove", "proseware", "lucerne");
    private static final String SCOPES = "https://api.partnercenter.microsoft.com/user_impersonation offline_access openid profile";

    /** How every seeded value starts. */
    public static final String VALUE_PREFIX = "seeded-refresh-token-";

    /** One seeded consent: its tenant and what its tags say. */
    public record Seeded(String tenantId, ConsentFacts facts) {
    }

    private ConsentSeeds() {
    }

    /** Writes {@code count} consents named {@code <prefix><tenant>} as of {@code now}. */
    public static List<Seeded> seed(StandIns standIns, String prefix, int count, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.SECONDS);
        List<Seeded> seeded = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String tenant = UUID.nameUUIDFromBytes(("seeded-consent-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .toString();
            String user = user(i);
            boolean mfa = i % 40 != 1;
            boolean revoked = i % 40 == 0;
            Instant issued = i % 20 == 2 ? at.minus(Duration.ofDays(80)) : at.minus(Duration.ofDays(i % 70));
            Optional<String> outcome = revoked ? Optional.of("AADSTS50173")
                    : i % 50 == 3 ? Optional.of("keyvault-unreachable")
                    : i % 25 == 4 ? Optional.empty() : Optional.of("ok");
            Optional<Instant> attempt = outcome.map(o -> issued);
            Optional<Instant> refreshed = outcome.filter("ok"::equals).map(o -> issued);
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put(ConsentTags.TENANT_ID, tenant);
            tags.put(ConsentTags.CONSENTED_BY, user);
            tags.put(ConsentTags.OBJECT_ID, UUID.nameUUIDFromBytes(tenant.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
            tags.put(ConsentTags.CONSENTED_AT, issued.toString());
            tags.put(ConsentTags.CLIENT_ID, StandIns.APP_CLIENT_ID);
            tags.put(ConsentTags.SCOPES, SCOPES);
            tags.put(ConsentTags.MFA, Boolean.toString(mfa));
            tags.put(ConsentTags.WRITTEN_BY, "PartnerConsent");
            outcome.ifPresent(o -> tags.put(ConsentTags.LAST_OUTCOME, o));
            attempt.ifPresent(a -> tags.put(ConsentTags.LAST_ATTEMPT_AT, a.toString()));
            refreshed.ifPresent(r -> tags.put(ConsentTags.LAST_REFRESHED_AT, r.toString()));
            if (revoked) {
                tags.put(ConsentTags.NEEDS_RECONSENT, "true");
            }
            String value = VALUE_PREFIX + UUID.randomUUID().toString().replace("-", "");
            standIns.vault().seed(prefix + tenant, value, ConsentTags.CONTENT_TYPE, tags, issued);
            seeded.add(new Seeded(tenant, new ConsentFacts(issued, mfa, outcome, attempt, refreshed, revoked)));
        }
        return seeded;
    }

    /** The consenting user of the {@code i}-th seeded consent, e.g. {@code admin@fabrikam-1.onmicrosoft.com}. */
    public static String user(int i) {
        return "admin@" + NAMES.get(i % NAMES.size()) + "-" + i / NAMES.size() + ".onmicrosoft.com";
    }
}
