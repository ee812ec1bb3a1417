package dev.workbench.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategy;
import dev.workbench.core.csv.CsvBatches;
import dev.workbench.core.csv.CsvSlice;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV in and out of a Frame: what a user's files contain, and every kind of bad file a user may hand in. */
class FrameCsvTest {
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

  // ---------------------------------------------------------------- round trips

  @Test
  void trickyValuesSurviveARoundTripThroughAFile() throws IOException {
    Frame f = Frame.builder("id", "smiles", "note", "empty")
        .row("007", "C(=O)O", "comma, inside", "")
        .row("0.10", "CC\"N\"", "two\nlines", null)
        .row("-0", "#C", "crlf\r\nend", " ")
        .row("1e5", "ünïcödé ☃", "  padded  ", "\"")
        .build();
    Path p = dir.resolve("tricky.csv");
    f.writeCsv(p);
    Frame back = Frame.readCsv(p);
    assertEquals(f, back);
    assertEquals("007", back.get(0, "id"), "no re-typing");
    assertEquals("0.10", back.get(1, "id"));
    assertEquals("", back.get(0, "empty"), "a quoted empty field is the empty string");
    assertNull(back.get(1, "empty"), "an empty field is a missing value");
    assertEquals("#C", back.get(2, "smiles"), "# is data, not a comment");
    assertEquals(f, Frame.parseCsv(f.toCsv()));
  }

  @Test
  void writesWhatOtherToolsRead() {
    Frame f = Frame.builder("a", "b", "c").row("1", null, "").row("x,y", "say \"hi\"", "l1\nl2").build();
    assertEquals("a,b,c\n1,,\"\"\n\"x,y\",\"say \"\"hi\"\"\",\"l1\nl2\"\n", f.toCsv());
    StringWriter out = new StringWriter();
    f.writeCsv(out);
    assertEquals(f.toCsv(), out.toString());
  }

  @Test
  void writesWhatFastCsvWritesForTheSameValues() throws IOException {
    String[] values = {null, "", "C", "#C", "a#", "x,y", "say \"hi\"", "\"", "l1\nl2", "cr\r", " padded ", "café",
        "☃", "tab\there", "z".repeat(30) + ",", "q".repeat(25)};
    List<String> columns = List.of("first", "second", "third");
    Random random = new Random(7);
    Frame.Builder builder = Frame.builder(columns);
    StringWriter fast = new StringWriter();
    CsvWriter fastCsv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).quoteStrategy(new QuoteStrategy() {
      @Override
      public boolean quoteEmpty(int lineNo, int fieldIdx) {
        return true;
      }
    }).build(fast);
    fastCsv.writeRecord(columns);
    for (int r = 0; r < 500; r++) {
      String[] row = new String[columns.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = values[random.nextInt(values.length)];
      }
      builder.row(row);
      fastCsv.writeRecord(row);
    }
    fastCsv.flush();
    Frame f = builder.build();
    assertEquals(fast.toString(), f.toCsv());
    assertEquals(fast.toString().substring(fast.toString().indexOf('\n') + 1),
        f.slice(0, 500).toCsv().substring(f.toCsv().indexOf('\n') + 1));
    assertEquals(f, Frame.parseCsv(f.toCsv()));
  }

  @Test
  void nullAndEmptyStayApartThroughFilesWritersAndBatches() throws IOException {
    Frame.Builder builder = Frame.builder("id", "maybe", "text");
    for (int i = 0; i < 3000; i++) {
      builder.row(Integer.toString(i), i % 3 == 0 ? null : i % 3 == 1 ? "" : "v" + i, i % 500 == 0 ? "☃" + i : "é" + i);
    }
    Frame f = builder.build();
    Path p = dir.resolve("null-empty.csv");
    f.writeCsv(p);
    Frame back = Frame.readCsv(p);
    assertEquals(f, back);
    for (int i = 0; i < 3000; i++) {
      String maybe = back.get(i, "maybe");
      if (i % 3 == 0) {
        assertNull(maybe, "row " + i);
      } else {
        assertEquals(i % 3 == 1 ? "" : "v" + i, maybe, "row " + i);
      }
    }
    StringWriter text = new StringWriter();
    back.writeCsv(text);
    assertEquals(Files.readString(p), text.toString());
    try (CsvBatches batches = CsvBatches.open(p, 700)) {
      List<Frame> parts = new ArrayList<>();
      batches.forEach(batch -> parts.add(batch.rows()));
      assertEquals(5, parts.size());
      assertEquals(f, Frame.concat(parts));
    }
  }

  @Test
  void framesReadFromAFileSliceSelectAndConcatenate() throws IOException {
    StringBuilder text = new StringBuilder("id,smiles,mw\n");
    for (int i = 0; i < 20_000; i++) {
      text.append(i).append(i % 2 == 0 ? ",CCO," : ",\"C,☃\",").append(i % 5 == 0 ? "" : i % 5 == 1 ? "\"\"" : "46.07")
          .append('\n');
    }
    Frame f = Frame.readCsv(file("packed.csv", text.toString()));
    Frame slice = f.slice(15_000, 19_000);
    assertEquals("15001", slice.get(1, "id"));
    assertEquals("C,☃", slice.get(1, "smiles"));
    assertNull(slice.get(0, "mw"));
    assertEquals("", slice.get(1, "mw"));
    Frame picked = slice.selectRows(new int[] {3999, 0, 0, 2});
    assertEquals(Arrays.asList("18999", "15000", "15000", "15002"), picked.column("id"));
    assertEquals(picked.get(1), picked.get(2));
    assertEquals(picked.get(1), f.get(15_000));
    Frame joined = Frame.concat(List.of(f.slice(0, 10), picked, Frame.parseCsv("id,smiles,mw\n7,N,\n")));
    assertEquals(15, joined.rowCount());
    assertEquals(f.slice(0, 10), joined.slice(0, 10));
    assertEquals(picked, joined.slice(10, 14));
    assertEquals(Arrays.asList("7", "N", null), joined.values(14));
    assertEquals(f, Frame.parseCsv(f.toCsv()));
  }

  @Test
  void wideCharsAnywhereInLongValuesAreKept() throws IOException {
    String late = "c".repeat(20_000) + "☃";
    String early = "☃" + "c".repeat(20_000);
    String latin = "é".repeat(20_000);
    Frame f = Frame.builder("a", "b").row(latin, "x").row(late, null).row("", early).row("plain", "ÿ").build();
    Path p = dir.resolve("wide.csv");
    f.writeCsv(p);
    Frame back = Frame.readCsv(p);
    assertEquals(f, back);
    assertEquals(late, back.get(1, "a"));
    assertEquals(early, back.get(2, "b"));
    assertEquals(latin, back.get(0, "a"));
    assertEquals(f.hashCode(), back.hashCode());
  }

  @Test
  void readsQuotesEmbeddedNewlinesAndCrlf() {
    Frame f = Frame.parseCsv("id,smiles,comment\r\n1,CCO,\"multi\r\nline, with comma\"\r\n2,\"C\"\"C\",\r\n");
    assertEquals(2, f.rowCount());
    assertEquals("multi\r\nline, with comma", f.get(0, "comment"));
    assertEquals("C\"C", f.get(1, "smiles"));
    assertNull(f.get(1, "comment"));
  }

  @Test
  void emptyAndMissingAreDifferent() {
    Frame f = Frame.parseCsv("a,b,c\n,\"\",x\n");
    assertNull(f.get(0, "a"));
    assertEquals("", f.get(0, "b"));
    assertEquals("a,b,c\n,\"\",x\n", f.toCsv());
  }

  @Test
  void aBomIsAccepted() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "smiles,id\nCCO,1\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, bytes, 0, 3);
    System.arraycopy(body, 0, bytes, 3, body.length);
    Frame f = Frame.readCsv(file("bom.csv", bytes));
    assertEquals(List.of("smiles", "id"), f.columns(), "the first column is 'smiles', not '\\uFEFFsmiles'");
    assertEquals("CCO", f.get(0, "smiles"));
    assertEquals(List.of("smiles", "id"), Frame.parseCsv("\uFEFFsmiles,id\nCCO,1\n").columns());
    assertEquals(List.of("smiles", "id"), Frame.readCsv(new StringReader("\uFEFFsmiles,id\n")).columns());
  }

  @Test
  void blankLinesCarryNoRowsInWideFilesAndMissingValuesInOneColumnFiles() {
    assertEquals(2, Frame.parseCsv("a,b\n1,2\n\n3,4\n\n").rowCount());
    Frame one = Frame.builder("smiles").row("C").row((String) null).row("O").build();
    assertEquals(one, Frame.parseCsv(one.toCsv()));
    assertEquals(2, Frame.parseCsv("smiles\nC\nO\n\n\n").rowCount(), "trailing blank lines add nothing");
  }

  @Test
  void headerOnlyIsAValidFrameWithNoRows() throws IOException {
    Frame f = Frame.readCsv(file("header.csv", "id,smiles\n"));
    assertTrue(f.isEmpty());
    assertEquals(List.of("id", "smiles"), f.columns());
    assertEquals(f, Frame.parseCsv("id,smiles"));
    assertEquals("id,smiles\n", f.toCsv());
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void emptyFile() throws IOException {
    Path p = file("empty.csv", "");
    FrameException e = assertThrows(FrameException.class, () -> Frame.readCsv(p));
    assertEquals(p + " is empty: no header", e.getMessage());
    assertThrows(FrameException.class, () -> Frame.readCsv(file("blank.csv", "\n\n")));
  }

  @Test
  void raggedRowsNameTheFileLineAndCounts() throws IOException {
    Path p = file("ragged.csv", "id,smiles,mw\n1,CCO,46\n2,\"multi\nline\",1\n3,O\n4,C,1\n");
    FrameException e = assertThrows(FrameException.class, () -> Frame.readCsv(p));
    assertEquals(p + ": line 5 (row index 2) has 2 fields, expected 3 as in the header (id, smiles, mw)",
        e.getMessage());
    FrameException extra = assertThrows(FrameException.class, () -> Frame.parseCsv("a,b\n1,2,3\n"));
    assertTrue(extra.getMessage().contains("line 2 (row index 0) has 3 fields, expected 2"), extra.getMessage());
  }

  @Test
  void unterminatedQuoteNamesWhereItStarts() throws IOException {
    Path p = file("quote.csv", "id,smiles\n1,CCO\n2,\"C=O\n3,N\n");
    FrameException e = assertThrows(FrameException.class, () -> Frame.readCsv(p));
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("Unclosed quoted field") && e.getMessage().contains("line 3"),
        e.getMessage());
    FrameException after = assertThrows(FrameException.class, () -> Frame.parseCsv("a,b\n1,\"x\"y\n"));
    assertTrue(after.getMessage().contains("line 2"), after.getMessage());
  }

  @Test
  void duplicateOrBlankColumnNamesAreNamed() throws IOException {
    Path p = file("dup.csv", "id,smiles,id,mw,mw\n1,C,1,2,3\n");
    FrameException e = assertThrows(FrameException.class, () -> Frame.readCsv(p));
    assertEquals(p + ", header (line 1): Duplicate column names id, mw (columns: id, smiles, id, mw, mw)",
        e.getMessage());
    FrameException blank = assertThrows(FrameException.class, () -> Frame.parseCsv("id,,mw\n1,2,3\n"));
    assertTrue(blank.getMessage().contains("Blank column name at position 2 (columns: id, , mw)"),
        blank.getMessage());
  }

  @Test
  void bytesThatAreNotUtf8NameTheLine() throws IOException {
    // Latin-1 "é" (0xE9) on line 3, after a quoted multi-line value, as Excel on Windows would save it.
    byte[] head = "id,name\n1,\"a\nb\"\n2,caf".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = Arrays.copyOf(head, head.length + 2);
    bytes[head.length] = (byte) 0xE9;
    bytes[head.length + 1] = '\n';
    Path p = file("latin1.csv", bytes);
    FrameException e = assertThrows(FrameException.class, () -> Frame.readCsv(p));
    assertEquals(p + ": line 4 is not valid UTF-8 (byte 0xE9 at byte offset " + head.length
        + "); save the file as UTF-8", e.getMessage());
  }

  @Test
  void badBytesAreLocatedWhateverTheLineEnds() throws IOException {
    byte[] crlf = {'a', '\r', '\n', '1', '\r', '\n', (byte) 0xFE, '\r', '\n'};
    FrameException e = assertThrows(FrameException.class, () -> Frame.readCsv(file("crlf.csv", crlf)));
    assertTrue(e.getMessage().contains("line 3 is not valid UTF-8"), e.getMessage());
    byte[] cr = {'a', '\r', '1', '\r', '2', '\r', (byte) 0xFE, '\r'};
    FrameException old = assertThrows(FrameException.class, () -> Frame.readCsv(file("cr.csv", cr)));
    assertTrue(old.getMessage().contains("line 4 is not valid UTF-8"), old.getMessage());
  }

  @Test
  void badBytesAreLocatedAlikeInFilesAndInStreams() throws IOException {
    String[] heads = {"a\n1\n", "a\r\n1\r\n2", "a\r1\r", "a,b\n\"x\r\ny\",\"\n\n\"\n", "a\n" + "\n".repeat(70_000) + "\r"};
    for (String head : heads) {
      byte[] good = head.getBytes(StandardCharsets.UTF_8);
      byte[] bytes = Arrays.copyOf(good, good.length + 2);
      bytes[good.length] = (byte) 0xFF;
      bytes[good.length + 1] = '\n';
      Path p = file("alike.csv", bytes);
      FrameException fromFile = assertThrows(FrameException.class, () -> Frame.readCsv(p));
      FrameException fromStream = assertThrows(FrameException.class, () -> CsvSlice.parse(bytes, "stream"));
      assertEquals(fromFile.getMessage().substring(p.toString().length()),
          fromStream.getMessage().substring("stream".length()));
      assertTrue(fromFile.getMessage().contains("line "), fromFile.getMessage());
    }
  }

  @Test
  void badBytesFarIntoAFileAreFound() throws IOException {
    StringBuilder text = new StringBuilder("id,smiles\n");
    for (int i = 0; i < 50_000; i++) {
      text.append(i).append(",CCO\n");
    }
    byte[] good = text.toString().getBytes(StandardCharsets.UTF_8);
    byte[] bytes = Arrays.copyOf(good, good.length + 4);
    bytes[good.length] = '9';
    bytes[good.length + 1] = ',';
    bytes[good.length + 2] = (byte) 0xC3; // a lead byte without its continuation
    bytes[good.length + 3] = '\n';
    Path p = file("late.csv", bytes);
    FrameException e = assertThrows(FrameException.class, () -> Frame.readCsv(p));
    assertTrue(e.getMessage().contains("line 50002 is not valid UTF-8 (byte 0xC3"), e.getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    Path p = dir.resolve("nope.csv");
    FrameException e = assertThrows(FrameException.class, () -> Frame.readCsv(p));
    assertEquals("No such CSV file: " + p, e.getMessage());
  }

  @Test
  void aFiftyMegabyteFieldIsRead() throws IOException {
    int size = 50 * 1024 * 1024;
    Path p = dir.resolve("big-field.csv");
    try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
      w.write("id,blob,after\n1,\"");
      char[] chunk = "CC(=O)O,\"\"\n".toCharArray(); // commas, escaped quotes and newlines inside the field
      int written = 0;
      while (written + chunk.length <= size) {
        w.write(chunk);
        written += chunk.length;
      }
      w.write("\",end\n2,small,x\n");
    }
    Frame f = Frame.readCsv(p);
    assertEquals(2, f.rowCount());
    String blob = f.get(0, "blob");
    assertTrue(blob.length() > 45 * 1024 * 1024, "length " + blob.length());
    assertTrue(blob.startsWith("CC(=O)O,\"\n"), blob.substring(0, 20));
    assertEquals("end", f.get(0, "after"));
    assertEquals("small", f.get(1, "blob"));
  }

  @Test
  void aMillionRowFileIsReadAndWrittenBack() throws IOException {
    Path p = dir.resolve("million.csv");
    try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
      w.write("id,smiles,mw\n");
      for (int i = 0; i < 1_000_000; i++) {
        w.write(String.format("%07d", i));
        w.write(i % 1000 == 0 ? ",\"C,C\"," : ",CCO,");
        w.write(i % 7 == 0 ? "" : "46.07");
        w.write('\n');
      }
    }
    Frame f = Frame.readCsv(p);
    assertEquals(1_000_000, f.rowCount());
    assertEquals("0999999", f.get(999_999, "id"));
    assertEquals("C,C", f.get(0, "smiles"));
    assertNull(f.get(7, "mw"));
    Path out = dir.resolve("million-out.csv");
    f.writeCsv(out);
    assertEquals(Files.size(p), Files.size(out), "the same bytes back");
    assertEquals(-1L, Files.mismatch(p, out));
  }

  @Test
  void aFailedWriteLeavesTheOldFileWholeAndNoTempFiles() throws IOException {
    Path p = file("result.csv", "id\nold\n");
    Frame bad = Frame.builder("id").row("x").build();
    // A directory where the file should go: the move fails after the temp file was written.
    Path blocked = dir.resolve("blocked.csv");
    Files.createDirectory(blocked);
    Files.writeString(blocked.resolve("inside"), "x");
    assertThrows(WorkbenchException.class, () -> bad.writeCsv(blocked));
    assertEquals("id\nold\n", Files.readString(p));
    try (Stream<Path> files = Files.list(dir)) {
      assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "temp file left behind");
    }
    bad.writeCsv(p);
    assertEquals("id\nx\n", Files.readString(p));
  }

  @Test
  void writingCreatesMissingDirectories() {
    Path p = dir.resolve("a/b/out.csv");
    Frame.builder("x").row("1").build().writeCsv(p);
    assertEquals(1, Frame.readCsv(p).rowCount());
  }
}
