package dev.workbench.core.job;

import dev.workbench.api.Frame;
import dev.workbench.api.FrameException;
import dev.workbench.core.csv.CsvFrames;
import dev.workbench.core.csv.CsvFrames.HeadedRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Checks a model's answers for one inference (sync or async), batch by batch, from any thread.
 *
 * <p>The answer's rows are believed only when they can be matched to the rows sent: valid UTF-8, well-formed CSV
 * with a header, exactly one row per row sent, and every input column the answer echoes equal, row by row, to
 * the input. A name the answer holds twice is the input column echoed and then the model's own value of it
 * (a re-run of an earlier output file); the model's value wins. A single row cannot be out of order, so when a
 * one-row answer gives an input column a value of its own, that column is taken to be one the model writes,
 * and from then on it is not checked as an echo in this inference.
 *
 * <p>The accepted rows have the input's columns with the input's values (exactly as sent, whatever the model's
 * formatting of an echo), the model's own values where it writes a column, then the model's other columns, then
 * {@code inference_error}.
 */
public final class AnswerCheck {
  private static final int PREVIEW = 120;

  private final Set<String> modelWrites = ConcurrentHashMap.newKeySet();

  /**
   * @param sent the rows as sent to the model (without an {@code inference_error} column)
   * @param body the model's answer, as bytes
   * @param source names the answer in errors (e.g. its S3 location)
   */
  public Answer check(Frame sent, byte[] body, String source) {
    String blank = blankOrMarkup(body);
    if (blank != null) {
      return new Answer.Refused(blank);
    }
    HeadedRows answer;
    try {
      answer = CsvFrames.readAnswer(body, source);
    } catch (FrameException e) {
      return new Answer.Refused(e.getMessage());
    }
    List<@Nullable String> header = answer.header();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      if (name == null || name.isBlank()) {
        return new Answer.Refused(source + " has a blank column name at position " + (i + 1) + " of its header ("
            + String.join(", ", header.stream().map(n -> n == null ? "" : n).toList()) + ")");
      }
    }
    Frame rows = answer.rows();
    if (rows.rowCount() != sent.rowCount()) {
      return new Answer.Refused("The endpoint answered " + rows.rowCount() + " row" + (rows.rowCount() == 1 ? "" : "s")
          + " for the " + sent.rowCount() + " sent");
    }
    Map<String, Integer> first = new HashMap<>();
    Map<String, Integer> last = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      first.putIfAbsent(header.get(i), i);
      last.put(header.get(i), i);
    }
    String mismatch = sent.rowCount() > 1 ? misaligned(sent, rows, first, last) : null;
    if (mismatch != null) {
      return new Answer.Refused(mismatch);
    }
    if (sent.rowCount() == 1) {
      learn(sent, rows, first, last);
    }
    return new Answer.Accepted(assemble(sent, rows, header, last));
  }

  /** An empty answer or an HTML/XML page: there is no CSV to read. */
  private static @Nullable String blankOrMarkup(byte[] body) {
    int i = 0;
    if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
      i = 3;
    }
    while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
      i++;
    }
    if (i == body.length) {
      return "The endpoint answered an empty body instead of CSV";
    }
    if (body[i] == '<') {
      String text = new String(body, i, Math.min(PREVIEW, body.length - i), java.nio.charset.StandardCharsets.UTF_8);
      return "The endpoint answered HTML or XML instead of CSV: " + text.replaceAll("\\s+", " ").strip()
          + (body.length - i > PREVIEW ? "…" : "");
    }
    return null;
  }

  /** The first echoed value that is not its input row's, described; null when every echo matches. */
  private @Nullable String misaligned(Frame sent, Frame rows, Map<String, Integer> first, Map<String, Integer> last) {
    List<String> columns = sent.columns();
    List<Integer> sentAt = new ArrayList<>();
    List<Integer> echoAt = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      String name = columns.get(c);
      Integer at = first.get(name);
      boolean echoed = at != null && (!at.equals(last.get(name)) || !modelWrites.contains(name));
      if (echoed) {
        sentAt.add(c);
        echoAt.add(at);
      }
    }
    for (int r = 0; r < sent.rowCount(); r++) {
      for (int k = 0; k < sentAt.size(); k++) {
        String in = sent.get(r).get(sentAt.get(k));
        String out = rows.get(r).get(echoAt.get(k));
        if (!EchoedValues.same(in, out)) {
          return "The answer's rows do not match the input: answer row " + (r + 1) + " of " + sent.rowCount()
              + " has " + columns.get(sentAt.get(k)) + " = " + quoted(out) + " where the input row has "
              + quoted(in);
        }
      }
    }
    return null;
  }

  /** A one-row answer that gives an input column a value of its own shows a column the model writes. */
  private void learn(Frame sent, Frame rows, Map<String, Integer> first, Map<String, Integer> last) {
    for (String name : sent.columns()) {
      Integer at = first.get(name);
      if (at != null && at.equals(last.get(name)) && !EchoedValues.same(sent.get(0).get(name), rows.get(0).get(at))) {
        modelWrites.add(name);
      }
    }
  }

  private Frame assemble(Frame sent, Frame rows, List<@Nullable String> header, Map<String, Integer> last) {
    List<String> names = new ArrayList<>(sent.columns());
    // For each result column: where its value comes from, in the input (>= 0) or in the answer (-1 - index).
    List<Integer> from = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      String name = names.get(c);
      Integer at = last.get(name);
      boolean modelsOwn = at != null && (!at.equals(header.indexOf(name)) || modelWrites.contains(name));
      from.add(modelsOwn ? -1 - at : c);
    }
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      if (last.get(name) == i && !sent.hasColumn(name) && !Frame.ERROR_COLUMN.equals(name)) {
        names.add(name);
        from.add(-1 - i);
      }
    }
    Integer error = last.get(Frame.ERROR_COLUMN);
    names.add(Frame.ERROR_COLUMN);
    from.add(error == null ? Integer.MIN_VALUE : -1 - error);
    Frame.Builder out = Frame.builder(names);
    @Nullable String[] values = new String[names.size()];
    for (int r = 0; r < sent.rowCount(); r++) {
      Frame.Row in = sent.get(r);
      Frame.Row answer = rows.get(r);
      for (int c = 0; c < values.length; c++) {
        int f = from.get(c);
        values[c] = f == Integer.MIN_VALUE ? null : f >= 0 ? in.get(f) : blankIsNull(answer.get(-1 - f), c == values.length - 1);
      }
      out.row(Arrays.asList(values.clone()));
    }
    return out.build();
  }

  /** An empty inference_error means the row succeeded. */
  private static @Nullable String blankIsNull(@Nullable String value, boolean errorColumn) {
    return errorColumn && value != null && value.isBlank() ? null : value;
  }

  private static String quoted(@Nullable String value) {
    if (value == null) {
      return "(empty)";
    }
    String v = value.length() > 60 ? value.substring(0, 60) + "…" : value;
    return "'" + v + "'";
  }
}
