package dev.partnerconsent.operator;

import dev.partnerconsent.store.AuditRecord;
import dev.partnerconsent.store.Paged;
import jakarta.json.bind.annotation.JsonbNillable;

import java.time.Instant;
import java.util.List;

/** One page of the audit trail as {@code GET /api/audit} answers it, newest first. */
public record AuditAnswer(List<Row> items, int page, int size, long total, boolean hasNext) {

    public AuditAnswer {
        items = List.copyOf(items);
    }

    /** One audit row; {@code hash} chains it to {@code prevHash}, the previous row's. */
    @JsonbNillable
    public record Row(long seq, Instant at, String kind, String actor, String tenantId, String subject, String detail,
                      String prevHash, String hash) {

        static Row of(AuditRecord r) {
            return new Row(r.seq(), r.at(), r.kind(), r.actor(), r.tenantId(), r.subject(), r.detail(), r.prevHash(), r.hash());
        }
    }

    static AuditAnswer of(Paged<AuditRecord> p) {
        return new AuditAnswer(p.items().stream().map(Row::of).toList(), p.page(), p.size(), p.total(), p.hasNext());
    }
}
