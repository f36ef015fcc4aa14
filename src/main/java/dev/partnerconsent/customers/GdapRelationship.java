package dev.partnerconsent.customers;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One GDAP relationship with a customer as Graph's {@code delegatedAdminRelationship} describes it.
 *
 * @param autoExtendDuration ISO-8601: {@code PT0S}/{@code P0D} (never) or {@code P180D}
 * @param roles              the roles the relationship grants ({@code accessDetails.unifiedRoles})
 * @param assignments        which of the partner's groups hold which of those roles
 */
public record GdapRelationship(String id, String customerTenantId, String status, Optional<Instant> end,
                               String autoExtendDuration, List<String> roles, List<GdapAssignment> assignments) {

    public GdapRelationship {
        roles = List.copyOf(roles);
        assignments = List.copyOf(assignments);
    }

    public boolean active() {
        return "active".equalsIgnoreCase(status);
    }

    public boolean autoExtends() {
        return autoExtendDuration != null && !autoExtendDuration.isBlank() && !autoExtendDuration.equals("PT0S")
                && !autoExtendDuration.equals("P0D");
    }

    public GdapRelationship withAssignments(List<GdapAssignment> assigned) {
        return new GdapRelationship(id, customerTenantId, status, end, autoExtendDuration, roles, assigned);
    }
}
