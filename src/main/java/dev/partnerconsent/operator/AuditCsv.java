package dev.partnerconsent.operator;

import dev.partnerconsent.store.AuditRecord;

import java.util.List;

/**
 * Audit rows as CSV (RFC 4180): every field quoted, quotes doubled, and a field a spreadsheet would read as a formula
 * ({@code = + - @} first) prefixed with an apostrophe.
 */
final class AuditCsv {

    static final String HEADER = "seq,at,kind,actor,tenantId,subject,detail,prevHash,hash\r\n";

    private AuditCsv() {
    }

    static String line(AuditRecord r) {
        return String.join(",", List.of(field(String.valueOf(r.seq())), field(r.at().toString()), field(r.kind()),
                field(r.actor()), field(r.tenantId()), field(r.subject()), field(r.detail()), field(r.prevHash()),
                field(r.hash()))) + "\r\n";
    }

    static String field(String value) {
        if (value == null) {
            return "\"\"";
        }
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
