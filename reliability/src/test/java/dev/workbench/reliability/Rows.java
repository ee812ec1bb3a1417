package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workbench.api.Frame;

/** Input tables whose CSV lines are exactly {@code id,code,tag}: no quoting, so a line is what the model sees. */
final class Rows {
    private Rows() {}

    static Frame numbered(int n, String tag) {
        return numbered(0, n, tag);
    }

    /** Rows {@code first .. first+n-1} of the numbered table: overlapping inputs share rows exactly. */
    static Frame numbered(int first, int n, String tag) {
        Frame.Builder b = Frame.builder("id", "code", "tag");
        for (int i = first; i < first + n; i++) {
            b.row(Integer.toString(i), String.format("c%06d", i), tag);
        }
        return b.build();
    }

    /** The CSV data line the model receives for row {@code i} (what the fault injector hashes). */
    static String line(Frame in, int i) {
        return in.get(i, "id") + "," + in.get(i, "code") + "," + in.get(i, "tag");
    }

    static void assertSameRowsInOrder(Frame in, Frame out) {
        assertEquals(in.rowCount(), out.rowCount(), "N rows in, N rows out");
        for (int i = 0; i < in.rowCount(); i++) {
            assertEquals(in.get(i, "id"), out.get(i, "id"), "row " + i + " in input order");
            assertEquals(in.get(i, "code"), out.get(i, "code"), "row " + i + " kept exactly");
        }
    }
}
