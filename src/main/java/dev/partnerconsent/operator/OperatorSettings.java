package dev.partnerconsent.operator;

import dev.partnerconsent.settings.ConsentSettings;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.settings.SettingsReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Who is an operator and how operators sign in (read by {@link SettingsReader} like every setting).
 * <ul>
 *   <li>{@code partnerconsent.admins}: object ids or user principal names, comma-separated;</li>
 *   <li>{@code partnerconsent.operator-tenants}: tenants whose {@code PartnerConsent.Admin} app role is honoured (in ID
 *   tokens and bearer tokens). Empty means no role is honoured: any tenant's admin can assign an app role of a
 *   multi-tenant app in their own tenant;</li>
 *   <li>{@code partnerconsent.operator.redirect-uri}: the reply URL of the operator sign-in; default the consent
 *   redirect URI's origin with {@code /operator/callback} (register it on the app too);</li>
 *   <li>{@code partnerconsent.operator.session}: how long an operator session lasts (ISO-8601, default PT8H).</li>
 * </ul>
 */
@ApplicationScoped
public class OperatorSettings {

    public static final String ADMIN_ROLE = "PartnerConsent.Admin";
    /** The container role every protected resource requires. */
    public static final String ROLE = "operator";
    static final String CALLBACK_PATH = SettingsReader.OPERATOR_CALLBACK_PATH;

    private final ConsentSettings.OperatorValues values;

    @Inject
    public OperatorSettings(Settings settings) {
        this.values = settings.get().operators();
    }

    protected OperatorSettings() {
        this.values = new ConsentSettings.OperatorValues(java.util.Set.of(), java.util.Set.of(), null, Duration.ZERO);
    }

    public boolean isAdmin(String objectId, String userPrincipalName) {
        return (objectId != null && values.admins().contains(objectId.toLowerCase(Locale.ROOT)))
                || (userPrincipalName != null && values.admins().contains(userPrincipalName.toLowerCase(Locale.ROOT)));
    }

    public boolean honoursRolesOf(String tenantId) {
        return tenantId != null && values.operatorTenants().contains(tenantId.toLowerCase(Locale.ROOT));
    }

    public Optional<URI> redirectUri() {
        return Optional.ofNullable(values.redirectUri());
    }

    public Duration session() {
        return values.session();
    }
}
