package dev.partnerconsent.entra;

import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.LiveProbe;
import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.settings.SettingsReader;
import dev.partnerconsent.settings.SetupProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.List;

/**
 * Live probe: the authority's OpenID configuration can be read, and its issuer is the one ID tokens will be checked
 * against ({@code {tenantid}} template for {@code /organizations}, the tenant itself otherwise).
 */
@ApplicationScoped
public class MetadataProbe implements LiveProbe {

    private final Settings settings;
    private final ProviderMetadataSource metadata;

    @Inject
    public MetadataProbe(Settings settings, ProviderMetadataSource metadata) {
        this.settings = settings;
        this.metadata = metadata;
    }

    protected MetadataProbe() {
        this(null, null);
    }

    @Override
    public String name() {
        return "Entra ID metadata";
    }

    @Override
    public List<SetupProblem> run() {
        URI authority = settings.get().authority().orElseThrow();
        ProviderMetadata found;
        try {
            found = metadata.get();
        } catch (FailureException e) {
            return List.of(new SetupProblem("probe:entra-metadata", e.failure().detail(),
                    "Check " + SettingsReader.AUTHORITY + " and that this server can reach it over https (proxy, firewall, DNS)."));
        }
        String tenantSegment = authority.getPath().replaceAll("^/|/.*$", "");
        boolean multiTenantAuthority = tenantSegment.equals("organizations") || tenantSegment.equals("common");
        if (multiTenantAuthority && !found.multiTenant()) {
            return List.of(new SetupProblem("probe:entra-metadata", "The authority " + authority + " publishes the fixed issuer "
                    + found.issuerTemplate() + " instead of a {tenantid} template.",
                    "Point " + SettingsReader.AUTHORITY + " at Entra ID's /organizations/v2.0 endpoint."));
        }
        URI issuer = URI.create(found.issuerFor("00000000-0000-0000-0000-000000000000").getValue());
        if (!authority.getHost().equalsIgnoreCase(issuer.getHost())) {
            return List.of(SetupProblem.warning("probe:entra-metadata", "The issuer host " + issuer.getHost()
                    + " differs from the authority host " + authority.getHost() + ".", "Check that the authority is not behind a rewriting proxy."));
        }
        return List.of();
    }
}
