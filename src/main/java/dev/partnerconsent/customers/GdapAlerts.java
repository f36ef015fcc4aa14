package dev.partnerconsent.customers;

import dev.partnerconsent.alerts.AlertKind;
import dev.partnerconsent.alerts.Alerting;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.store.HealthEntry;
import dev.partnerconsent.store.HealthLedger;
import dev.partnerconsent.tenant.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * After a customers refresh, tells the alert channels about the partner's GDAP flags: one alert per flag any customer
 * carries, per partner and day (the channels' de-duplication), naming how many customers and a few of them — not one
 * alert per customer, which for thousands of customers would drown the channel.
 */
@ApplicationScoped
public class GdapAlerts {

    static final int EXAMPLES = 5;
    private static final Map<GdapFlag, AlertKind> KINDS = Map.of(
            GdapFlag.NO_ACTIVE, AlertKind.GDAP_NO_ACTIVE,
            GdapFlag.ENDS_SOON, AlertKind.GDAP_ENDING,
            GdapFlag.GLOBAL_ADMIN, AlertKind.GDAP_GLOBAL_ADMIN,
            GdapFlag.ROLES_INSUFFICIENT, AlertKind.GDAP_ROLES_INSUFFICIENT);
    /** The catalogue entries that explain a flag, where one does. */
    private static final Map<GdapFlag, FailureCode> CAUSES = Map.of(
            GdapFlag.NO_ACTIVE, FailureCode.GDAP_NO_ACTIVE_RELATIONSHIP,
            GdapFlag.ROLES_INSUFFICIENT, FailureCode.GDAP_ROLES_INSUFFICIENT);

    private final Alerting alerting;
    private final HealthLedger ledger;

    @Inject
    public GdapAlerts(Alerting alerting, HealthLedger ledger) {
        this.alerting = alerting;
        this.ledger = ledger;
    }

    protected GdapAlerts() {
        this(null, null);
    }

    /**
     * @param examples a few customers' names carrying a flag
     * @return the alerts raised now (not those raised already today, or when alerts are off)
     */
    public List<AlertKind> raise(TenantId partner, FlagCounts counts, Function<GdapFlag, List<String>> examples) {
        String name = partnerName(partner);
        List<AlertKind> raised = new ArrayList<>();
        for (GdapFlag flag : GdapFlag.values()) {
            long n = count(counts, flag);
            if (n == 0) {
                continue;
            }
            List<String> some = examples.apply(flag);
            String detail = n + " of " + counts.customers() + " customers: " + flag.text().toLowerCase(java.util.Locale.ROOT)
                    + " (" + String.join(", ", some) + (n > some.size() ? ", …" : "") + "). See the customers page, filter "
                    + flag.code() + ".";
            if (alerting.raise(KINDS.get(flag), Optional.of(partner), name,
                    Optional.ofNullable(CAUSES.get(flag)).map(FailureCode::code), detail)) {
                raised.add(KINDS.get(flag));
            }
        }
        return raised;
    }

    static long count(FlagCounts c, GdapFlag flag) {
        return switch (flag) {
            case NO_ACTIVE -> c.noActiveRelationship();
            case ENDS_SOON -> c.endsWithin30Days();
            case GLOBAL_ADMIN -> c.globalAdministrator();
            case ROLES_INSUFFICIENT -> c.rolesInsufficient();
        };
    }

    private String partnerName(TenantId partner) {
        try {
            return ledger.get(partner).map(HealthEntry::displayName).orElse(partner.value());
        } catch (FailureException e) {
            return partner.value();
        }
    }
}
