package dev.partnerconsent.operator;

import dev.partnerconsent.settings.ConsentSettings;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.settings.SettingsReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Who is an operator and how operators sign in (read by {@link SettingsReader} like every setting).
 * <ul>
 *   <li>{@code partnerconsent.admins}: {@code <tenant id>:<object id>} pairs, comma-separated; each holds every
 *   {@link OperatorRole};</li>
 *   <li>{@code partnerconsent.operator-tenants}: tenants whose PartnerConsent app role assignments are honoured (in ID
 *   tokens and bearer tokens). Empty means no role is honoured: any tenant's admin can assign an app role of a
 *   multi-tenant app in their own tenant;</li>
 *   <li>{@code partnerconsent.operator.redirect-uri}: the reply URL of the operator sign-in; default the consent
 *   redirect URI's origin with {@code /operator/callback} (register it on the app too);</li>
 *   <li>{@code partnerconsent.operator.session}: how long an operator session lasts at most (ISO-8601, default PT8H);</li>
 *   <li>{@code partnerconsent.operator.session-idle}: how long it may go unused (default PT30M);</li>
 *   <li>{@code partnerconsent.operator.max-age}: how fresh the operator's interactive sign-in must be (default PT12H).</li>
 * </ul>
 */
@ApplicationScoped
public class OperatorSettings {

    static final String CALLBACK_PATH = SettingsReader.OPERATOR_CALLBACK_PATH;

    private final ConsentSettings.OperatorValues values;

    @Inject
    public OperatorSettings(Settings settings) {
        this.values = settings.get().operators();
    }

    protected OperatorSettings() {
        this.values = new ConsentSettings.OperatorValues(java.util.Set.of(), java.util.Set.of(), null, Duration.ZERO,
                Duration.ZERO, Duration.ZERO, java.util.Set.of(), java.util.Set.of(), java.util.Map.of());
    }

    /**
     * The role of this user or application: every role when listed in {@code partnerconsent.admins}, else the most
     * powerful of its app roles when its tenant is an operator tenant, else none.
     */
    public Optional<OperatorRole> roleOf(String tenantId, String objectId, Collection<?> appRoles) {
        if (tenantId == null) {
            return Optional.empty();
        }
        if (listed(tenantId, objectId)) {
            return Optional.of(OperatorRole.TOKEN_ISSUER);
        }
        return honoursRolesOf(tenantId) ? OperatorRole.fromAppRoles(appRoles) : Optional.empty();
    }

    /** The resources access tokens may be issued for, e.g. {@code https://graph.microsoft.com}. */
    public java.util.Set<String> tokenResources() {
        return values.tokenResources();
    }

    /** What this API client may obtain tokens for, when a binding narrows it. */
    public Optional<ConsentSettings.TokenBinding> bindingOf(String clientId) {
        return Optional.ofNullable(values.tokenBindings().get(clientId.toLowerCase(Locale.ROOT)));
    }

    /** Where {@link #roleOf}'s answer for this user came from. */
    public RoleSource sourceOf(String tenantId, String objectId, Optional<OperatorRole> role) {
        if (role.isEmpty()) {
            return RoleSource.NONE;
        }
        return listed(tenantId, objectId) ? RoleSource.ADMINS : RoleSource.APP_ROLE;
    }

    /**
     * Whether the settings as they are now still grant what a sign-in proved: a person let in by
     * {@code partnerconsent.admins} must still be listed there, one let in by an app role must still sign in from an
     * operator tenant (the app role itself came from the ID token, which is not seen again before the next sign-in).
     */
    public boolean stillGrants(String tenantId, String objectId, RoleSource source) {
        return switch (source) {
            case ADMINS -> listed(tenantId, objectId);
            case APP_ROLE -> honoursRolesOf(tenantId);
            case NONE -> true;
        };
    }

    private boolean listed(String tenantId, String objectId) {
        return tenantId != null && objectId != null
                && values.admins().contains(tenantId.toLowerCase(Locale.ROOT) + ":" + objectId.toLowerCase(Locale.ROOT));
    }

    public boolean honoursRolesOf(String tenantId) {
        return tenantId != null && values.operatorTenants().contains(tenantId.toLowerCase(Locale.ROOT));
    }

    public Optional<URI> redirectUri() {
        return Optional.ofNullable(values.redirectUri());
    }

    /** How long ago an operator may have last authenticated interactively (sent as max_age, checked on auth_time). */
    public Duration maxAge() {
        return values.maxAge();
    }

    /** The absolute cap of an operator session, counted from its sign-in. */
    public Duration session() {
        return values.session();
    }

    /** How long an operator session may go unused before it ends. */
    public Duration sessionIdle() {
        return values.sessionIdle();
    }
}
