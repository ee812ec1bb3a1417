package dev.workbench.core.job;

import dev.workbench.api.FrameException;
import dev.workbench.api.WorkbenchException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Parquet through DuckDB (an in-memory database per call): a Parquet input becomes the CSV the model reads, and the
 * streamed CSV output becomes Parquet, its input columns cast back to the input's Parquet types. DuckDB's CSV
 * rendering of a value is one its CAST reads back (numbers, dates, lists, structs), so types survive the trip.
 */
final class ParquetFiles {
    private ParquetFiles() {
    }

    /** A location the user named as Parquet (by its extension). */
    static boolean isParquet(String location) {
        return location.toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    /** The file's columns and their DuckDB types, in file order. */
    static Map<String, String> columnTypes(Path parquet, String name) {
        Map<String, String> types = new LinkedHashMap<>();
        run(name, db -> {
            try (Statement s = db.createStatement();
                    ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + literal(parquet) + ")")) {
                while (r.next()) {
                    types.put(r.getString("column_name"), r.getString("column_type"));
                }
            }
        });
        return types;
    }

    static int rowCount(Path parquet, String name) {
        int[] n = new int[1];
        run(name, db -> {
            try (Statement s = db.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*) FROM read_parquet(" + literal(parquet) + ")")) {
                r.next();
                n[0] = Math.toIntExact(r.getLong(1));
            }
        });
        return n[0];
    }

    /** Writes the Parquet file's rows, in file order, as a CSV with a header (a null is an empty field). */
    static void toCsv(Path parquet, Path csv, String name) {
        run(name, db -> {
            try (Statement s = db.createStatement()) {
                s.execute("SET preserve_insertion_order = true");
                s.execute("COPY (SELECT * FROM read_parquet(" + literal(parquet) + ")) TO " + literal(csv)
                        + " (FORMAT CSV, HEADER true, DELIMITER ',', QUOTE '\"')");
            }
        });
    }

    /**
     * Writes the CSV (header {@code columns}) as Parquet; a column named in {@code types} is cast to that type, the
     * rest stay VARCHAR.
     */
    static void fromCsv(Path csv, List<String> columns, Map<String, String> types, Path parquet, String name) {
        StringJoiner select = new StringJoiner(", ");
        for (String c : columns) {
            String type = types.get(c);
            select.add(type == null ? ident(c) : "CAST(" + ident(c) + " AS " + type + ") AS " + ident(c));
        }
        run(name, db -> {
            try (Statement s = db.createStatement()) {
                s.execute("SET preserve_insertion_order = true");
                s.execute("COPY (SELECT " + select + " FROM read_csv(" + literal(csv) + ", header = true,"
                        + " all_varchar = true, delim = ',', quote = '\"', escape = '\"', auto_detect = false,"
                        + " columns = " + columnSpec(columns) + ", max_line_size = 268435456)) TO " + literal(parquet)
                        + " (FORMAT PARQUET)");
            }
        });
    }

    private static String columnSpec(List<String> columns) {
        StringJoiner spec = new StringJoiner(", ", "{", "}");
        for (String c : columns) {
            spec.add(quote(c) + ": 'VARCHAR'");
        }
        return spec.toString();
    }

    private interface Work {
        void on(Connection db) throws SQLException;
    }

    private static void run(String name, Work work) {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            work.on(db);
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("Parquet") || m.contains("parquet") || m.contains("No files found")) {
                throw new FrameException("Cannot read " + name + " as Parquet: " + m, e);
            }
            throw new WorkbenchException("Parquet conversion of " + name + " failed: " + m, e);
        }
    }

    private static String literal(Path p) {
        return quote(p.toAbsolutePath().toString());
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String ident(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
