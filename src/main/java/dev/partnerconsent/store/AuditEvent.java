package dev.partnerconsent.store;

import java.util.Optional;

/**
 * One thing to put on the audit trail, before it has a place in the chain. Carries names, ids and outcome codes only:
 * never a token, code or secret.
 *
 * @param kind    what happened
 * @param actor   who did it: an operator, a client id, {@code keep-alive}, or the consenting user
 * @param tenant  the partner tenant concerned, if any
 * @param subject what else it concerned: a customer tenant, a scope, a secret version
 * @param detail  the outcome in words or codes
 */
public record AuditEvent(AuditKind kind, String actor, Optional<String> tenant, Optional<String> subject, String detail) {

    public AuditEvent {
        actor = clip(actor == null || actor.isBlank() ? "-" : actor, 320);
        tenant = tenant.map(t -> clip(t, 64));
        subject = subject.map(s -> clip(s, 320));
        detail = clip(detail == null ? "" : detail, 1000);
    }

    public static AuditEvent of(AuditKind kind, String actor, String tenant, String detail) {
        return new AuditEvent(kind, actor, Optional.ofNullable(tenant), Optional.empty(), detail);
    }

    public AuditEvent about(String subject) {
        return new AuditEvent(kind, actor, tenant, Optional.ofNullable(subject), detail);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
