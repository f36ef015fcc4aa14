package dev.partnerconsent.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One operator session; keyed by the SHA-256 of its id, never the id itself (see {@link SessionStore}). */
@Entity
@Table(name = "operator_session")
public class SessionRow {

    @Id
    @Column(name = "id_hash")
    String idHash;
    /** {@code <tenant id>:<object id>}, lower-cased: who signed in. */
    @Column(name = "operator_key", nullable = false)
    String operator;
    @Column(name = "operator_label", nullable = false)
    String label;
    /** The role the sign-in proved; null for a signed-in user who is no operator. */
    @Column(name = "operator_role")
    String role;
    /** Where that role came from, so it can be checked against the settings on every use. */
    @Column(name = "role_source", nullable = false)
    String roleSource;
    @Column(name = "created_ms", nullable = false)
    long createdMillis;
    @Column(name = "last_used_ms", nullable = false)
    long lastUsedMillis;
    @Column(name = "revoked_ms")
    Long revokedMillis;
    @Column(name = "revoked_by")
    String revokedBy;
    @Column(name = "revoked_why")
    String revokedWhy;

    protected SessionRow() {
    }

    SessionRow(String idHash, String operator, String label, String role, String roleSource, long now) {
        this.idHash = idHash;
        this.operator = operator;
        this.label = label;
        this.role = role;
        this.roleSource = roleSource;
        this.createdMillis = now;
        this.lastUsedMillis = now;
    }

    StoredSession stored() {
        return new StoredSession(operator, label, java.util.Optional.ofNullable(role), roleSource,
                java.time.Instant.ofEpochMilli(createdMillis), java.time.Instant.ofEpochMilli(lastUsedMillis),
                java.util.Optional.ofNullable(revokedMillis).map(java.time.Instant::ofEpochMilli),
                java.util.Optional.ofNullable(revokedBy), java.util.Optional.ofNullable(revokedWhy));
    }
}
