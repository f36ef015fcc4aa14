package dev.partnerconsent.operator;

import dev.partnerconsent.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is an operator and how operators sign in.
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

    public static final String ADMINS = "partnerconsent.admins";
    public static final String OPERATOR_TENANTS = "partnerconsent.operator-tenants";
    public static final String REDIRECT_URI = "partnerconsent.operator.redirect-uri";
    public static final String SESSION = "partnerconsent.operator.session";
    public static final String ADMIN_ROLE = "PartnerConsent.Admin";
    /** The container role every protected resource requires. */
    public static final String ROLE = "operator";
    static final String CALLBACK_PATH = "/operator/callback";

    private final Set<String> admins;
    private final Set<String> operatorTenants;
    private final Optional<URI> redirectUri;
    private final Duration session;

    @Inject
    public OperatorSettings(Config config, Settings settings) {
        this.admins = list(config, ADMINS);
        this.operatorTenants = list(config, OPERATOR_TENANTS);
        this.redirectUri = config.getOptionalValue(REDIRECT_URI, String.class).map(String::strip).filter(s -> !s.isEmpty())
                .map(URI::create)
                .or(() -> settings.get().redirectUri().map(r -> r.resolve(CALLBACK_PATH)));
        Duration d;
        try {
            d = config.getOptionalValue(SESSION, String.class).map(String::strip).map(Duration::parse)
                    .orElse(Duration.ofHours(8));
        } catch (DateTimeParseException e) {
            d = Duration.ofHours(8);
        }
        this.session = d;
    }

    protected OperatorSettings() {
        this.admins = Set.of();
        this.operatorTenants = Set.of();
        this.redirectUri = Optional.empty();
        this.session = Duration.ZERO;
    }

    public boolean isAdmin(String objectId, String userPrincipalName) {
        return (objectId != null && admins.contains(objectId.toLowerCase(Locale.ROOT)))
                || (userPrincipalName != null && admins.contains(userPrincipalName.toLowerCase(Locale.ROOT)));
    }

    public boolean honoursRolesOf(String tenantId) {
        return tenantId != null && operatorTenants.contains(tenantId.toLowerCase(Locale.ROOT));
    }

    public Optional<URI> redirectUri() {
        return redirectUri;
    }

    public Duration session() {
        return session;
    }

    private static Set<String> list(Config config, String key) {
        return config.getOptionalValue(key, String.class)
                .map(v -> Arrays.stream(v.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty())
                        .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }
}
