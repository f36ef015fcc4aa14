package dev.partnerconsent.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit chain's hash: SHA-256 over a row's fields and the previous row's hash, each field length-prefixed so no two
 * different rows can spell the same input. Changing any field of a row, or removing or reordering rows, breaks the
 * chain at that row.
 */
final class ChainHash {

    static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    static String of(AuditRow r) {
        return of(r.seq, r.atMillis, r.kind, r.actor, r.tenantId, r.subject, r.detail, r.prevHash);
    }

    static String of(long seq, long atMillis, String... fields) {
        StringBuilder in = new StringBuilder().append(seq).append('|').append(atMillis).append('|');
        for (String f : fields) {
            if (f == null) {
                in.append("-1:|");
            } else {
                in.append(f.length()).append(':').append(f).append('|');
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
