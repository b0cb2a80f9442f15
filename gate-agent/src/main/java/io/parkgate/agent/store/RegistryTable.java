package io.parkgate.agent.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * How one kind of registry record maps to its table: the key column first, then the others.
 *
 * @param kindName the record's name in error messages ("vehicle", "card", ...)
 */
record RegistryTable<T>(String table, String kindName, List<String> columns, Function<T, String> key,
                        Binder<T> binder, Reader<T> reader) {

    @FunctionalInterface
    interface Binder<T> {
        /** Binds the record to parameters 1..n in {@link #columns} order. */
        void bind(PreparedStatement ps, T record) throws SQLException;
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    String keyColumn() {
        return columns.get(0);
    }

    String insertSql() {
        return insertSql(table);
    }

    /** The insert into {@code into}: this table or a staging copy of it. */
    String insertSql(String into) {
        return "INSERT INTO " + into + " (" + String.join(", ", columns) + ") VALUES ("
                + "?, ".repeat(columns.size() - 1) + "?)";
    }

    /** Insert or replace by key, keeping the row's place (no delete + insert). */
    String upsertSql() {
        StringBuilder set = new StringBuilder();
        for (String c : columns.subList(1, columns.size())) {
            set.append(set.length() == 0 ? "" : ", ").append(c).append(" = excluded.").append(c);
        }
        return insertSql() + " ON CONFLICT (" + keyColumn() + ") DO UPDATE SET " + set;
    }

    String deleteSql() {
        return "DELETE FROM " + table + " WHERE " + keyColumn() + " = ?";
    }

    String selectSql() {
        return "SELECT " + String.join(", ", columns) + " FROM " + table + " ORDER BY " + keyColumn();
    }
}
