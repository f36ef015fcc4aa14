package dev.partnerconsent.customers;

import java.util.List;

/**
 * One access assignment of a GDAP relationship: a security group of the partner given some of the relationship's
 * roles ({@code accessContainer.accessContainerId}, {@code accessDetails.unifiedRoles[].roleDefinitionId}).
 */
public record GdapAssignment(String status, String groupId, List<String> roles) {

    public GdapAssignment {
        roles = List.copyOf(roles);
    }

    public boolean active() {
        return "active".equalsIgnoreCase(status);
    }
}
