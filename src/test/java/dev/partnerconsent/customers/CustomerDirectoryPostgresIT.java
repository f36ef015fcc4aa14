package dev.partnerconsent.customers;

import dev.partnerconsent.it.support.PrivatePostgres;
import dev.partnerconsent.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;

/**
 * The customer cache's schema (V4) and queries on a real PostgreSQL 15, as {@link CustomerDirectoryTest} runs them on H2:
 * one schema and one set of JPQL for both. Needs Debian's PostgreSQL, like {@code PostgresClusterIT} ({@code -Pservers}).
 */
@Tag("servers")
class CustomerDirectoryPostgresIT {

    private static PrivatePostgres postgres;
    private static CustomerDirectory directory;

    @BeforeAll
    static void start() throws Exception {
        postgres = PrivatePostgres.start(Path.of("target", "it-postgres-customers").toAbsolutePath(), Integer.getInteger("it.pg.port"));
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + PrivatePostgres.DATABASE);
        ds.setUser(PrivatePostgres.USER);
        ds.setPassword(PrivatePostgres.PASSWORD);
        directory = CustomerDirectoryTest.on(Database.on(ds));
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void searchFlagsAndPagesOverTheCache() throws Exception {
        // this order: the listing of 1,100 then replaces the four left by the first
        CustomerDirectoryTest.dropsUnlisted(directory);
        CustomerDirectoryTest.searchFlagsAndPages(directory);
    }
}
