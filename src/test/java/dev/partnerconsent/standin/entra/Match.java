package dev.partnerconsent.standin.entra;

/**
 * Which requests a rule applies to; a null field matches anything. User names compare
 * case-insensitively, as UPNs do.
 */
public record Match(String user, String tenantId, String clientId) {

    public static Match any() {
        return new Match(null, null, null);
    }

    public static Match user(String user) {
        return any().andUser(user);
    }

    public static Match tenant(String tenantId) {
        return any().andTenant(tenantId);
    }

    public static Match client(String clientId) {
        return any().andClient(clientId);
    }

    public Match andUser(String value) {
        return new Match(value, tenantId, clientId);
    }

    public Match andTenant(String value) {
        return new Match(user, value, clientId);
    }

    public Match andClient(String value) {
        return new Match(user, tenantId, value);
    }

    boolean matches(RequestFacts facts) {
        return (user == null || user.equalsIgnoreCase(facts.user()))
                && (tenantId == null || tenantId.equalsIgnoreCase(facts.tenantId()))
                && (clientId == null || clientId.equals(facts.clientId()));
    }

    /** What is known about a request when rules are checked; fields may be null when unknown. */
    record RequestFacts(String user, String tenantId, String clientId) {
    }
}
