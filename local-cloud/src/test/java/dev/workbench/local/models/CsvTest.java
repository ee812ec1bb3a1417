package dev.workbench.local.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void readsQuotesEmbeddedLineBreaksCrlfAndABom() {
        CsvTable table = Csv.parse("\uFEFFname,note\r\n\"Smith, J\",\"said \"\"hi\"\"\r\nthen left\"\r\nplain,\r\n");
        assertEquals(List.of("name", "note"), table.header());
        assertEquals(List.of(List.of("Smith, J", "said \"hi\"\r\nthen left"), List.of("plain", "")), table.rows());
    }

    @Test
    void writingThenReadingGivesBackTheSameFields() {
        List<String> header = List.of("a", "b,c", "d");
        List<List<String>> rows = List.of(
                List.of("x", "\"quoted\"", "line1\nline2"),
                List.of("", "ünïcödé ✓", "trailing\r\n"),
                List.of(" spaced ", "", ","));
        byte[] bytes = Csv.write(header, rows);
        CsvTable back = Csv.parse(bytes);
        assertEquals(header, back.header());
        assertEquals(rows, back.rows());
        assertTrue(new String(bytes, StandardCharsets.UTF_8).startsWith("a,\"b,c\",d\n"));
    }

    @Test
    void aSingleEmptyColumnValueSurvivesTheRoundTrip() {
        CsvTable back = Csv.parse(Csv.write(List.of("smiles"), List.of(List.of(""), List.of("C"))));
        assertEquals(List.of(List.of(""), List.of("C")), back.rows());
    }

    @Test
    void blankLinesAndAMissingFinalNewlineAreTolerated() {
        CsvTable table = Csv.parse("a,b\n\n1,2\r\n\r\n3,4");
        assertEquals(List.of(List.of("1", "2"), List.of("3", "4")), table.rows());
    }

    @Test
    void malformedTextIsReportedWithItsLine() {
        CsvFormatException open = assertThrows(CsvFormatException.class, () -> Csv.parse("a\n\"never closed\n"));
        assertTrue(open.getMessage().contains("line 2"), open.getMessage());
        CsvFormatException junk = assertThrows(CsvFormatException.class, () -> Csv.parse("a,b\n\"x\"y,2\n"));
        assertTrue(junk.getMessage().contains("line 2"), junk.getMessage());
    }

    @Test
    void columnsAreFoundExactlyThenIgnoringCaseAndSpaces() {
        CsvTable table = Csv.parse(" SMILES ,smiles2\nC,CC\n");
        assertEquals(0, table.columnIndex("smiles"));
        assertEquals(1, table.columnIndex("smiles2"));
        assertEquals(-1, table.columnIndex("name"));
    }
}
