package dev.workbench.local.models;

import java.util.List;
import java.util.Locale;

/**
 * A parsed CSV document: the header and the data rows, each row a list of fields exactly as written
 * (quotes removed, nothing trimmed).
 */
public record CsvTable(List<String> header, List<List<String>> rows) {

    public CsvTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /**
     * The index of the column named {@code name}: an exact match first, else the first column whose
     * trimmed name matches ignoring case (spreadsheets like to add spaces and capitals); -1 when absent.
     */
    public int columnIndex(String name) {
        int exact = header.indexOf(name);
        if (exact >= 0) {
            return exact;
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().toLowerCase(Locale.ROOT).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }
}
