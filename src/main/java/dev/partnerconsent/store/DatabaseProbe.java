package dev.partnerconsent.store;

import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.settings.LiveProbe;
import dev.partnerconsent.settings.SetupProblem;
import dev.partnerconsent.settings.SettingsReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** Live probe of the database: the datasource found, the schema migrated, the persistence unit open. */
@ApplicationScoped
public class DatabaseProbe implements LiveProbe {

    private final Database db;
    private final FailureCatalogue catalogue;

    @Inject
    public DatabaseProbe(Database db, FailureCatalogue catalogue) {
        this.db = db;
        this.catalogue = catalogue;
    }

    protected DatabaseProbe() {
        this(null, null);
    }

    @Override
    public String name() {
        return "Database";
    }

    @Override
    public List<SetupProblem> run() {
        return db.ready()
                .map(f -> List.of(new SetupProblem(SettingsReader.DATASOURCE, "[" + f.code() + "] " + f.detail(),
                        catalogue.explain(f).fix())))
                .orElse(List.of());
    }
}
