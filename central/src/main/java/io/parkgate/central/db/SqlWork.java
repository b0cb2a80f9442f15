package io.parkgate.central.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on central's database connection, inside one transaction. */
@FunctionalInterface
public interface SqlWork<T> {

    T run(Connection c) throws SQLException;
}
