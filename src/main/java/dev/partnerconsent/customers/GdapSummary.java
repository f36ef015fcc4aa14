package dev.partnerconsent.customers;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the partner's GDAP relationships with one customer amount to, and the four flags an operator acts on.
 *
 * @param status          {@code active} when any relationship is; else the newest one's status; {@code none} without any
 * @param end             the earliest end of the active relationships
 * @param autoExtend      that relationship's {@code autoExtendDuration}
 * @param roles           role ids the partner's groups hold through active assignments of active relationships
 * @param groups          those groups' ids
 * @param noActive        no active relationship: the partner cannot act in the customer at all
 * @param endsSoon        an active relationship ends within {@link #ENDS_SOON} and does not auto-extend
 * @param globalAdmin     an active relationship holds Global Administrator, which Microsoft never auto-extends
 * @param rolesInsufficient an active relationship exists, but no role it assigns may create an application consent
 */
public record GdapSummary(String status, int relationships, Optional<Instant> end, Optional<String> autoExtend,
                          List<String> roles, List<String> groups, boolean noActive, boolean endsSoon,
                          boolean globalAdmin, boolean rolesInsufficient) {

    public static final Duration ENDS_SOON = Duration.ofDays(30);

    public GdapSummary {
        roles = List.copyOf(roles);
        groups = List.copyOf(groups);
    }

    public static GdapSummary of(List<GdapRelationship> relationships, Instant now) {
        List<GdapRelationship> active = relationships.stream().filter(GdapRelationship::active).toList();
        if (active.isEmpty()) {
            String status = relationships.stream().max(Comparator.comparing(r -> r.end().orElse(Instant.MIN)))
                    .map(GdapRelationship::status).orElse("none");
            return new GdapSummary(status, relationships.size(), Optional.empty(), Optional.empty(), List.of(), List.of(),
                    true, false, false, false);
        }
        TreeSet<String> roles = new TreeSet<>();
        TreeSet<String> groups = new TreeSet<>();
        for (GdapRelationship r : active) {
            r.assignments().stream().filter(GdapAssignment::active).forEach(a -> {
                roles.addAll(a.roles());
                groups.add(a.groupId());
            });
        }
        Optional<GdapRelationship> first = active.stream().filter(r -> r.end().isPresent())
                .min(Comparator.comparing(r -> r.end().get()));
        boolean endsSoon = active.stream().anyMatch(r -> !r.autoExtends() && r.end().isPresent()
                && r.end().get().isBefore(now.plus(ENDS_SOON)));
        boolean globalAdmin = active.stream().anyMatch(r -> r.roles().contains(GdapRoles.GLOBAL_ADMINISTRATOR));
        boolean insufficient = roles.stream().noneMatch(GdapRoles.MAY_CONSENT::contains);
        return new GdapSummary("active", relationships.size(), first.flatMap(GdapRelationship::end),
                first.map(GdapRelationship::autoExtendDuration), List.copyOf(roles), List.copyOf(groups), false, endsSoon,
                globalAdmin, insufficient);
    }
}
