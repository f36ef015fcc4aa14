package dev.partnerconsent.store;

import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.util.UUID;

/**
 * In-memory H2 databases for tests: each {@link #fresh()} is empty until {@link Database#on} migrates it. Lock waits
 * last up to a minute (PostgreSQL's wait without end): tests queue many transactions on one row.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** A new empty database; it lives as long as the JVM. */
    public static DataSource fresh() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:pc-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000");
        return ds;
    }
}
