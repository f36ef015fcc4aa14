package dev.partnerconsent.dashboard;

import dev.partnerconsent.customers.FlagCounts;
import dev.partnerconsent.customers.GdapFlag;

import java.util.List;

/** How many cached customers carry one GDAP flag, as the dashboard lists them. */
public record GdapCount(GdapFlag flag, long customers) {

    /** One per flag, in the flags' order. */
    static List<GdapCount> of(FlagCounts c) {
        return List.of(new GdapCount(GdapFlag.NO_ACTIVE, c.noActiveRelationship()),
                new GdapCount(GdapFlag.ENDS_SOON, c.endsWithin30Days()),
                new GdapCount(GdapFlag.GLOBAL_ADMIN, c.globalAdministrator()),
                new GdapCount(GdapFlag.ROLES_INSUFFICIENT, c.rolesInsufficient()));
    }
}
