package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Frame;
import dev.workbench.api.FrameException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad CSV a user may hand in is refused with a message naming the file and what is wrong, or read right. */
class BadCsvTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path file(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private FrameException refused(Path p) {
        FrameException e = assertThrows(FrameException.class, () -> Frame.readCsv(p));
        System.out.println(p.getFileName() + " -> " + e.getMessage());
        assertTrue(e.getMessage().contains(p.getFileName().toString()), "the message names the file: " + e.getMessage());
        return e;
    }

    @Test
    void anEmptyFileIsRefusedAsEmpty() throws IOException {
        FrameException e = refused(file("empty.csv", ""));
        assertTrue(e.getMessage().toLowerCase().contains("empty") || e.getMessage().toLowerCase().contains("header"),
                e.getMessage());
    }

    @Test
    void aHeaderOnlyFileIsAnEmptyTableWithItsColumns() throws IOException {
        Frame f = Frame.readCsv(file("header.csv", "smiles,id\n"));
        assertEquals(0, f.rowCount());
        assertEquals(java.util.List.of("smiles", "id"), f.columns());
    }

    @Test
    void raggedRowsNameTheLine() throws IOException {
        FrameException e = refused(file("ragged.csv", "a,b,c\n1,2,3\n4,5\n6,7,8\n"));
        assertTrue(e.getMessage().contains("3"), "names line 3 (or the row): " + e.getMessage());
    }

    @Test
    void anUnterminatedQuoteIsRefused() throws IOException {
        FrameException e = refused(file("quote.csv", "a,b\n1,\"never closed\n2,3\n"));
        assertTrue(e.getMessage().toLowerCase().contains("quote"), e.getMessage());
    }

    @Test
    void duplicateColumnNamesAreNamed() throws IOException {
        FrameException e = refused(file("dup.csv", "id,smiles,id\n1,C,2\n"));
        assertTrue(e.getMessage().contains("id"), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("duplicate"), e.getMessage());
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
        byte[] body = "smiles,id\nCCO,1\n".getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[body.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bom, 3, body.length);
        Frame f = Frame.readCsv(file("bom.csv", bom));
        assertEquals("smiles", f.columns().get(0));
        assertEquals("CCO", f.get(0, "smiles"));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNotTurnedIntoReplacementCharacters() throws IOException {
        byte[] latin1 = "name,id\ncaf\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1);
        FrameException e = refused(file("latin1.csv", latin1));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void aFiftyMegabyteFieldIsReadWholeOrRefusedClearly() throws IOException {
        Path p = dir.resolve("big-field.csv");
        int size = 50 * 1024 * 1024;
        try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
            w.write("id,blob\n1,");
            char[] chunk = new char[1 << 20];
            java.util.Arrays.fill(chunk, 'x');
            for (int i = 0; i < size / chunk.length; i++) {
                w.write(chunk);
            }
            w.write("\n");
        }
        try {
            Frame f = Frame.readCsv(p);
            assertEquals(1, f.rowCount());
            assertEquals(size, f.get(0, "blob").length(), "the field is read whole");
        } catch (FrameException e) {
            System.out.println("big-field.csv -> " + e.getMessage());
            assertTrue(e.getMessage().contains("big-field.csv"), e.getMessage());
            assertTrue(e.getMessage().matches("(?is).*(field|size|large|long|limit).*"), "says the field is too big: " + e.getMessage());
        }
    }

    @Test
    void aMillionRowFileIsReadAndWrittenInOrder() throws IOException {
        Path p = dir.resolve("million.csv");
        try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
            w.write("id,smiles,value\n");
            for (int i = 0; i < 1_000_000; i++) {
                w.write(i + ",CCO" + (i % 97) + "," + (i * 0.5) + "\n");
            }
        }
        Runtime rt = Runtime.getRuntime();
        rt.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        Frame f = Frame.readCsv(p);
        rt.gc();
        long held = rt.totalMemory() - rt.freeMemory() - before;
        System.out.printf("1,000,000 rows (%d MB file) held in about %d MB%n", Files.size(p) >> 20, held >> 20);
        assertEquals(1_000_000, f.rowCount());
        assertEquals("999999", f.get(999_999, "id"));
        assertEquals("499999.5", f.get(999_999, "value"));
        Path out = dir.resolve("million-out.csv");
        f.writeCsv(out);
        assertEquals(Files.size(p), Files.size(out), "written back byte for byte");
    }
}
