package dev.workbench.local.models;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV with the tolerances real files need: a UTF-8 byte order mark, CRLF / LF / CR line ends,
 * quoted fields holding commas, quotes ({@code ""}) and line breaks. Empty lines are skipped (a quoted
 * empty field {@code ""} is a real row). Every data row must have as many fields as the header.
 * Output uses LF line ends and quotes only the fields that need it.
 */
public final class Csv {

    private static final char BOM = '\uFEFF';

    private Csv() {
    }

    /** Parses UTF-8 bytes; throws {@link CsvFormatException} on malformed text or ragged rows. */
    public static CsvTable parse(byte[] utf8) {
        return parse(new String(utf8, StandardCharsets.UTF_8));
    }

    /** Parses text; the first record is the header. An empty document gives an empty header and no rows. */
    public static CsvTable parse(String text) {
        List<List<String>> records = new Reader(text).readAll();
        if (records.isEmpty()) {
            return new CsvTable(List.of(), List.of());
        }
        List<String> header = records.get(0);
        List<List<String>> rows = records.subList(1, records.size());
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != header.size()) {
                throw new CsvFormatException("data row " + (i + 1) + " has " + rows.get(i).size()
                        + " fields but the header has " + header.size());
            }
        }
        return new CsvTable(header, rows);
    }

    /** Writes a header and rows as UTF-8 CSV text (no BOM). */
    public static byte[] write(List<String> header, List<? extends List<String>> rows) {
        Writer writer = new Writer(header);
        rows.forEach(writer::row);
        return writer.toBytes();
    }

    /** Appends one field, quoted only when it holds a comma, a quote or a line break. */
    static void appendField(StringBuilder out, String field) {
        boolean quote = false;
        for (int i = 0; i < field.length() && !quote; i++) {
            char c = field.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.append(field);
            return;
        }
        out.append('"');
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    /** Builds a CSV document row by row; not thread-safe (one per answer). */
    public static final class Writer {
        private final StringBuilder out = new StringBuilder(256);
        private final int width;

        public Writer(List<String> header) {
            this.width = header.size();
            row(header);
        }

        /** Appends one record; it must have as many fields as the header. */
        public Writer row(List<String> fields) {
            if (fields.size() != width) {
                throw new IllegalArgumentException("row has " + fields.size() + " fields, header has " + width);
            }
            if (width == 1 && fields.get(0).isEmpty()) {
                // A bare empty line would be skipped by readers; "" keeps the row.
                out.append("\"\"\n");
                return this;
            }
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendField(out, fields.get(i));
            }
            out.append('\n');
            return this;
        }

        public byte[] toBytes() {
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A single pass over the text; positions are reported as 1-based physical lines. */
    private static final class Reader {
        private final String text;
        private int pos;
        private int line = 1;

        Reader(String text) {
            this.text = text;
            this.pos = !text.isEmpty() && text.charAt(0) == BOM ? 1 : 0;
        }

        List<List<String>> readAll() {
            List<List<String>> records = new ArrayList<>();
            while (pos < text.length()) {
                if (atLineEnd()) {
                    skipLineEnd();
                    continue;
                }
                records.add(readRecord());
            }
            return records;
        }

        private List<String> readRecord() {
            List<String> fields = new ArrayList<>();
            while (true) {
                fields.add(pos < text.length() && text.charAt(pos) == '"' ? readQuoted() : readPlain());
                if (pos >= text.length()) {
                    return fields;
                }
                char c = text.charAt(pos);
                if (c == ',') {
                    pos++;
                } else {
                    skipLineEnd();
                    return fields;
                }
            }
        }

        private String readPlain() {
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ',' || c == '\n' || c == '\r') {
                    break;
                }
                pos++;
            }
            return text.substring(start, pos);
        }

        private String readQuoted() {
            int startLine = line;
            pos++; // opening quote
            StringBuilder field = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw new CsvFormatException("quoted field starting on line " + startLine + " is never closed");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    if (pos < text.length() && text.charAt(pos) == '"') {
                        field.append('"');
                        pos++;
                        continue;
                    }
                    if (pos < text.length() && !atLineEnd() && text.charAt(pos) != ',') {
                        throw new CsvFormatException("line " + line + ": unexpected character '"
                                + text.charAt(pos) + "' after a closing quote");
                    }
                    return field.toString();
                }
                if (c == '\n' || (c == '\r' && (pos >= text.length() || text.charAt(pos) != '\n'))) {
                    line++;
                }
                field.append(c);
            }
        }

        private boolean atLineEnd() {
            char c = text.charAt(pos);
            return c == '\n' || c == '\r';
        }

        private void skipLineEnd() {
            if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                pos++;
            }
            pos++;
            line++;
        }
    }
}
