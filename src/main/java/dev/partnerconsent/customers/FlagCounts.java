package dev.partnerconsent.customers;

/**
 * How many cached customers carry each GDAP flag: what a dashboard counts and alerts watch.
 *
 * @param customers every cached customer (of the partner asked about, or of all)
 */
public record FlagCounts(long customers, long noActiveRelationship, long endsWithin30Days, long globalAdministrator,
                         long rolesInsufficient) {
}
