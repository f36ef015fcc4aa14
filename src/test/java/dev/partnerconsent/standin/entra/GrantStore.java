package dev.partnerconsent.standin.entra;

import com.nimbusds.jose.util.Base64URL;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Authorization codes and refresh tokens, with revocation and expiry per user or tenant.
 * Refresh tokens are numbered as issued; revoking records the last number, so every token issued
 * before it fails and tokens of later sign-ins work (Entra's TokensValidFrom, without clock ties).
 */
final class GrantStore {

    record PendingCode(String value, SignIn signIn, Authority authority, String redirectUri, String codeChallenge,
                       String nonce) {
    }

    record RefreshToken(String value, long serial, SignIn signIn, Instant issuedAt) {
    }

    /** Tokens numbered up to {@code serial} are void since {@code at}. */
    record Cutoff(long serial, Instant at) {
    }

    private record Holder(String tenantId, String user) {
        static Holder of(String tenantId, String user) {
            return new Holder(tenantId.toLowerCase(Locale.ROOT), user == null ? null : user.toLowerCase(Locale.ROOT));
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
    private final Set<String> redeemedCodes = ConcurrentHashMap.newKeySet();
    private final Map<String, RefreshToken> refreshTokens = new ConcurrentHashMap<>();
    private final AtomicLong serials = new AtomicLong();
    private final Map<Holder, Cutoff> revocations = new ConcurrentHashMap<>();
    private final Map<Holder, Cutoff> expiries = new ConcurrentHashMap<>();
    /** "partner|customer": the partner's admin agents may act in the customer tenant (DAP/GDAP). */
    private final Set<String> delegations = ConcurrentHashMap.newKeySet();

    void delegate(String partnerTenantId, String customerTenantId) {
        delegations.add(partnerTenantId.toLowerCase(Locale.ROOT) + "|" + customerTenantId.toLowerCase(Locale.ROOT));
    }

    boolean delegated(String partnerTenantId, String customerTenantId) {
        return delegations.contains(partnerTenantId.toLowerCase(Locale.ROOT) + "|" + customerTenantId.toLowerCase(Locale.ROOT));
    }

    PendingCode newCode(SignIn signIn, Authority authority, String redirectUri, String codeChallenge, String nonce) {
        PendingCode code = new PendingCode(opaque(560), signIn, authority, redirectUri, codeChallenge, nonce);
        codes.put(code.value(), code);
        return code;
    }

    Optional<PendingCode> code(String value) {
        return Optional.ofNullable(value).map(codes::get);
    }

    /** @return false when the code was redeemed before: codes are single-use */
    boolean redeem(PendingCode code) {
        return redeemedCodes.add(code.value());
    }

    RefreshToken newRefreshToken(SignIn signIn) {
        RefreshToken token = new RefreshToken(opaque(800), serials.incrementAndGet(), signIn, Instant.now());
        refreshTokens.put(token.value(), token);
        return token;
    }

    Optional<RefreshToken> refreshToken(String value) {
        return Optional.ofNullable(value).map(refreshTokens::get);
    }

    /** @param user null for every user of the tenant */
    void revoke(String tenantId, String user) {
        revocations.put(Holder.of(tenantId, user), new Cutoff(serials.get(), Instant.now()));
    }

    /** @param user null for every user of the tenant */
    void expire(String tenantId, String user) {
        expiries.put(Holder.of(tenantId, user), new Cutoff(serials.get(), Instant.now()));
    }

    Optional<Cutoff> revocationOf(RefreshToken token) {
        return cutoffFor(revocations, token);
    }

    Optional<Cutoff> expiryOf(RefreshToken token) {
        return cutoffFor(expiries, token);
    }

    private static Optional<Cutoff> cutoffFor(Map<Holder, Cutoff> cutoffs, RefreshToken token) {
        SignIn s = token.signIn();
        for (Holder holder : new Holder[] {Holder.of(s.tenantId(), s.username()), Holder.of(s.tenantId(), null)}) {
            Cutoff cutoff = cutoffs.get(holder);
            if (cutoff != null && token.serial() <= cutoff.serial()) {
                return Optional.of(cutoff);
            }
        }
        return Optional.empty();
    }

    /** Entra's codes and refresh tokens are long opaque strings starting "1.A"; so are these. */
    private static String opaque(int randomBytes) {
        byte[] bytes = new byte[randomBytes];
        RANDOM.nextBytes(bytes);
        return "1.AXkA" + Base64URL.encode(bytes);
    }
}
