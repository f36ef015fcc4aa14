package dev.partnerconsent.store;

import dev.partnerconsent.health.ConsentFacts;
import dev.partnerconsent.health.ConsentHealth;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** One consent's health as stored: the facts it is decided from and the state they gave when written. */
@Entity
@Table(name = "consent_health")
public class HealthRow {

    static final int MAX_NAME = 256;

    @Id
    @Column(name = "tenant_id")
    String tenantId;
    @Column(name = "display_name", nullable = false)
    String displayName;
    @Column(name = "name_lower", nullable = false)
    String nameLower;
    @Column(name = "state", nullable = false)
    String state;
    @Column(name = "cause")
    String cause;
    @Column(name = "reconsent_by_ms", nullable = false)
    long reconsentByMillis;
    @Column(name = "last_issued_ms", nullable = false)
    long lastIssuedMillis;
    @Column(name = "last_attempt_ms")
    Long lastAttemptMillis;
    @Column(name = "last_refreshed_ms")
    Long lastRefreshedMillis;
    @Column(name = "last_outcome")
    String lastOutcome;
    @Column(name = "needs_reconsent", nullable = false)
    boolean needsReconsent;
    @Column(name = "mfa", nullable = false)
    boolean mfa;
    @Column(name = "updated_ms", nullable = false)
    long updatedMillis;

    protected HealthRow() {
    }

    HealthRow(String tenantId) {
        this.tenantId = tenantId;
        name(tenantId);
    }

    void name(String name) {
        String n = name == null || name.isBlank() ? tenantId : name.strip();
        displayName = n.length() <= MAX_NAME ? n : n.substring(0, MAX_NAME);
        nameLower = displayName.toLowerCase(Locale.ROOT);
    }

    void facts(ConsentFacts f) {
        lastIssuedMillis = f.lastIssuedAt().toEpochMilli();
        mfa = f.mfa();
        lastOutcome = f.lastOutcome().map(o -> o.length() <= 64 ? o : o.substring(0, 64)).orElse(null);
        lastAttemptMillis = f.lastAttemptAt().map(Instant::toEpochMilli).orElse(null);
        lastRefreshedMillis = f.lastRefreshedAt().map(Instant::toEpochMilli).orElse(null);
        needsReconsent = f.needsReconsent();
    }

    ConsentFacts facts() {
        return new ConsentFacts(Instant.ofEpochMilli(lastIssuedMillis), mfa, Optional.ofNullable(lastOutcome),
                Optional.ofNullable(lastAttemptMillis).map(Instant::ofEpochMilli),
                Optional.ofNullable(lastRefreshedMillis).map(Instant::ofEpochMilli), needsReconsent);
    }

    void health(ConsentHealth h, Instant now) {
        state = h.state().code();
        cause = h.cause().map(c -> c.length() <= 64 ? c : c.substring(0, 64)).orElse(null);
        reconsentByMillis = h.reconsentBy().toEpochMilli();
        updatedMillis = now.toEpochMilli();
    }
}
