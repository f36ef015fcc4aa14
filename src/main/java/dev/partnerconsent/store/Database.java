package dev.partnerconsent.store;

import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The one door to the database: looks up the datasource named by {@code partnerconsent.datasource} (the server's
 * default one unless set), migrates the schema with Flyway, and opens the persistence unit on that datasource. Opened
 * at startup; a missing datasource or a failed migration is kept as the reason the store is off (a setup problem,
 * {@link DatabaseProbe}), and every use answers it as a {@link FailureException} — never a stack trace.
 * <p>
 * The unit is application-managed with resource-local transactions and the looked-up {@link DataSource} handed over,
 * so the same WAR runs on EclipseLink (Payara) and Hibernate (WildFly) with no provider-specific setting, and the
 * datasource can be chosen by configuration.
 */
@ApplicationScoped
public class Database {

    static final String UNIT = "partnerconsent";
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    private final Settings settings;
    private volatile EntityManagerFactory factory;
    private volatile Failure unavailable;

    @Inject
    public Database(Settings settings) {
        this.settings = settings;
    }

    protected Database() {
        this.settings = null;
    }

    /** A database on a datasource at hand (tests, tools): migrated and opened at once. */
    public static Database on(DataSource dataSource) {
        Database db = new Database(null);
        db.open(dataSource, "(given)");
        return db;
    }

    void onStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        ready();
    }

    /** Work done in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(EntityManager em) throws FailureException;
    }

    /**
     * Runs {@code work} in a transaction of its own: committed when it returns, rolled back when it throws.
     *
     * @throws FailureException the work's own failure, or {@code database-unavailable}
     */
    public <T> T transaction(Work<T> work) throws FailureException {
        EntityManager em = factory().createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.run(em);
            em.getTransaction().commit();
            return result;
        } catch (PersistenceException e) {
            LOG.warning(() -> "Database transaction failed: " + e.getClass().getName() + ": " + rootMessage(e));
            throw new FailureException(FailureCode.DATABASE_UNAVAILABLE,
                    "The database did not complete the operation (" + rootClass(e) + ").");
        } finally {
            if (em.getTransaction().isActive()) {
                try {
                    em.getTransaction().rollback();
                } catch (PersistenceException e) {
                    LOG.fine(() -> "Rollback failed: " + e.getClass().getName());
                }
            }
            em.close();
        }
    }

    /** Empty when the store is open; otherwise why not (retrying the opening first). */
    public Optional<Failure> ready() {
        if (factory == null && settings != null) {
            synchronized (this) {
                if (factory == null) {
                    String name = settings.get().store().dataSource();
                    try {
                        open((DataSource) new InitialContext().lookup(name), name);
                    } catch (NamingException | ClassCastException e) {
                        unavailable = Failure.of(FailureCode.DATABASE_UNAVAILABLE, "No datasource is bound at '" + name
                                + "' (" + e.getClass().getSimpleName() + ").");
                        LOG.warning(() -> "Database: " + unavailable.detail());
                    }
                }
            }
        }
        return factory == null ? Optional.ofNullable(unavailable) : Optional.empty();
    }

    private EntityManagerFactory factory() throws FailureException {
        Optional<Failure> off = ready();
        if (off.isPresent()) {
            throw new FailureException(off.get());
        }
        return factory;
    }

    private synchronized void open(DataSource dataSource, String name) {
        try {
            var result = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            LOG.info(() -> "Database " + name + ": " + (result.migrationsExecuted == 0 ? "schema up to date."
                    : "schema migrated to version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                    + " migrations)."));
        } catch (FlywayException | PersistenceException e) {
            unavailable = Failure.of(FailureCode.MIGRATION_FAILED, "Migrating the schema of datasource '" + name
                    + "' failed: " + firstLine(rootMessage(e)));
            LOG.severe(() -> "Database: " + unavailable.detail());
            return;
        } catch (RuntimeException e) {
            unavailable = Failure.of(FailureCode.DATABASE_UNAVAILABLE, "Datasource '" + name + "' did not answer ("
                    + rootClass(e) + ").");
            LOG.severe(() -> "Database: " + unavailable.detail() + " " + firstLine(rootMessage(e)));
            return;
        }
        // the unit is found through the context class loader: a request thread of a server still deploying the app
        // carries the server's, so use the application's own
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Database.class.getClassLoader());
        try {
            // EclipseLink shares one session among factories of one unit name in a JVM unless told apart (tests open
            // several databases; a redeploy opens a new one); other providers ignore the property
            factory = Persistence.createEntityManagerFactory(UNIT, Map.of(
                    "jakarta.persistence.nonJtaDataSource", dataSource,
                    "eclipselink.session-name", UNIT + "-" + UUID.randomUUID()));
            unavailable = null;
        } catch (PersistenceException e) {
            unavailable = Failure.of(FailureCode.DATABASE_UNAVAILABLE, "The persistence unit could not be opened on '"
                    + name + "' (" + rootClass(e) + ").");
            LOG.severe(() -> "Database: " + unavailable.detail() + " " + firstLine(rootMessage(e)));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @PreDestroy
    void close() {
        if (factory != null && factory.isOpen()) {
            factory.close();
        }
    }

    private static Throwable root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String rootClass(Throwable e) {
        return root(e).getClass().getSimpleName();
    }

    private static String rootMessage(Throwable e) {
        return String.valueOf(root(e).getMessage());
    }

    private static String firstLine(String s) {
        String line = s.lines().findFirst().orElse("").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
