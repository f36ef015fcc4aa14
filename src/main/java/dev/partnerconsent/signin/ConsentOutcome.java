package dev.partnerconsent.signin;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.partnerconsent.diagnostics.EntraTrace;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.http.CookieKeys;
import dev.partnerconsent.http.CookieSeal;
import dev.partnerconsent.vault.StoredConsent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a callback — the stored consent or the failure — sealed ({@link CookieSeal}, its own derived key) into
 * the value the callback's 303 carries to {@code /consent/outcome}. The callback's address (with the code) thus leaves
 * the browser's history, and reloading or going Back shows the same outcome again for {@link #LIFETIME} instead of a
 * replayed sign-in. Minted once per callback; holds names and ids only, never a token or code.
 */
@ApplicationScoped
public class ConsentOutcome {

    public static final Duration LIFETIME = Duration.ofMinutes(10);
    static final String PATH = "/consent/outcome";
    static final String PARAMETER = "o";
    /** A request head must stay under the HTTP listener's limit (8 KB on Payara): verbose details go first. */
    static final int MAX_LENGTH = 6_000;

    private final CookieSeal seal;
    private final Clock clock;

    @Inject
    public ConsentOutcome(CookieKeys keys, Clock clock) {
        this.seal = keys.derived("consent-outcome");
        this.clock = clock;
    }

    protected ConsentOutcome() {
        this.seal = null;
        this.clock = null;
    }

    /** What a sealed value opens to: one of the two. */
    public record Opened(Optional<ConsentResult> result, Optional<Failure> failure) {
    }

    public String seal(ConsentResult r) {
        SignedInPartner p = r.partner();
        return seal.seal(timed().claim("k", "ok").claim("tid", p.tenantId()).claim("oid", p.objectId())
                .claim("upn", p.userPrincipalName()).claim("name", p.displayName()).claim("mfa", p.mfa())
                .claim("mfas", p.mfaSource()).claim("sn", r.stored().secretName()).claim("sv", r.stored().version())
                .claim("at", r.stored().storedAt().toString()).claim("req", r.mfaRequired()).claim("co", r.companyName())
                .claim("pu", r.replaced().userPrincipalName()).claim("po", r.replaced().objectId()).build());
    }

    public String seal(Failure f) {
        String sealed = seal.seal(failureClaims(f, f.context()));
        return sealed.length() <= MAX_LENGTH ? sealed : seal.seal(failureClaims(f, Map.of()));
    }

    private JWTClaimsSet failureClaims(Failure f, Map<String, String> context) {
        return timed().claim("k", "failure").claim("c", f.code()).claim("s", f.httpStatus()).claim("d", f.detail())
                .claim("ti", f.trace().traceId().orElse(null)).claim("ci", f.trace().correlationId().orElse(null))
                .claim("ts", f.trace().timestamp().orElse(null)).claim("x", context.isEmpty() ? null : Map.copyOf(context))
                .build();
    }

    private JWTClaimsSet.Builder timed() {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)));
    }

    /** The outcome, if the value is one this app sealed and it is not older than {@link #LIFETIME}. */
    public Optional<Opened> open(String sealed) {
        Optional<JWTClaimsSet> opened = seal.open(sealed);
        if (opened.isEmpty() || opened.get().getExpirationTime() == null
                || clock.instant().isAfter(opened.get().getExpirationTime().toInstant())) {
            return Optional.empty();
        }
        JWTClaimsSet c = opened.get();
        try {
            if ("ok".equals(c.getStringClaim("k"))) {
                SignedInPartner partner = new SignedInPartner(c.getStringClaim("tid"), c.getStringClaim("oid"),
                        c.getStringClaim("upn"), c.getStringClaim("name"), Boolean.TRUE.equals(c.getBooleanClaim("mfa")),
                        c.getStringClaim("mfas"));
                StoredConsent stored = new StoredConsent(c.getStringClaim("sn"), c.getStringClaim("sv"),
                        Instant.parse(c.getStringClaim("at")));
                return Optional.of(new Opened(Optional.of(new ConsentResult(partner, stored,
                        Boolean.TRUE.equals(c.getBooleanClaim("req")), c.getStringClaim("co"),
                        new ConsentResult.Replaced(c.getStringClaim("pu"), c.getStringClaim("po")))), Optional.empty()));
            }
            Map<String, String> context = new LinkedHashMap<>();
            Map<String, Object> x = c.getJSONObjectClaim("x");
            if (x != null) {
                x.forEach((k, v) -> context.put(k, String.valueOf(v)));
            }
            Failure failure = new Failure(c.getStringClaim("c"), c.getIntegerClaim("s"), c.getStringClaim("d"),
                    new EntraTrace(Optional.ofNullable(c.getStringClaim("ti")), Optional.ofNullable(c.getStringClaim("ci")),
                            Optional.ofNullable(c.getStringClaim("ts"))), context);
            return Optional.of(new Opened(Optional.empty(), Optional.of(failure)));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
