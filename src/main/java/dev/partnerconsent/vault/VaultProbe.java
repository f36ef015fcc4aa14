package dev.partnerconsent.vault;

import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.settings.LiveProbe;
import dev.partnerconsent.settings.SetupProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** Live probe of Key Vault through {@link TokenVault#probe()}: reachable, token obtained, list allowed, get not forbidden. */
@ApplicationScoped
public class VaultProbe implements LiveProbe {

    private final TokenVault vault;
    private final FailureCatalogue catalogue;

    @Inject
    public VaultProbe(TokenVault vault, FailureCatalogue catalogue) {
        this.vault = vault;
        this.catalogue = catalogue;
    }

    protected VaultProbe() {
        this(null, null);
    }

    @Override
    public String name() {
        return "Key Vault";
    }

    @Override
    public List<SetupProblem> run() {
        return vault.probe()
                .map(f -> List.of(new SetupProblem("probe:keyvault", "[" + f.code() + "] " + f.detail(), catalogue.explain(f).fix())))
                .orElse(List.of());
    }
}
