package dev.workbench.cli;

import dev.workbench.api.Frame;
import dev.workbench.api.InferenceCapture;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints an inference capture's metrics (and a classifier's confusion matrix) for people, or as JSON. */
final class CaptureReport {
  private CaptureReport() {}

  static void print(PrintWriter out, String indent, InferenceCapture c) {
    out.println(indent + "capture " + c.name() + " (" + c.modelType() + (c.target() == null ? "" : ", target "
        + c.target()) + "): " + c.numRows() + " rows" + (c.failedRows() == null ? "" : ", " + c.failedRows()
        + " failed and left out of the metrics") + " -> " + c.location());
    if (c.metrics().rowCount() == 0) {
      out.println(indent + "  no metrics (the rows hold no measured values of the target)");
    } else {
      table(out, indent + "  ", c.metrics());
    }
    if (c.confusionMatrix() != null) {
      out.println(indent + "  confusion matrix (rows: measured, columns: predicted)");
      table(out, indent + "  ", c.confusionMatrix());
    }
    out.flush();
  }

  private static void table(PrintWriter out, String indent, Frame f) {
    List<List<String>> rows = new ArrayList<>();
    for (Frame.Row r : f) {
      List<String> row = new ArrayList<>();
      for (String v : r.values()) {
        row.add(short4(v));
      }
      rows.add(row);
    }
    java.io.StringWriter text = new java.io.StringWriter();
    PrintWriter w = new PrintWriter(text);
    Output.table(w, f.columns().stream().map(String::toUpperCase).toList(), rows);
    w.flush();
    text.toString().lines().forEach(l -> out.println(indent + l));
  }

  /** Four significant digits for reading; counts and labels as they are. */
  private static String short4(String v) {
    if (v == null || v.isEmpty()) {
      return "-";
    }
    if (!v.contains(".")) {
      return v;
    }
    try {
      return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    } catch (NumberFormatException e) {
      return v;
    }
  }

  static Map<String, Object> json(InferenceCapture c) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", c.name());
    map.put("description", c.description());
    map.put("modelType", c.modelType().value());
    map.put("target", c.target());
    map.put("numRows", c.numRows());
    map.put("failedRows", c.failedRows());
    map.put("dataHash", c.dataHash());
    map.put("created", c.created() == null ? null : c.created().toString());
    map.put("location", c.location());
    map.put("metrics", records(c.metrics()));
    map.put("confusionMatrix", c.confusionMatrix() == null ? null : records(c.confusionMatrix()));
    return map;
  }

  private static List<Map<String, String>> records(Frame f) {
    List<Map<String, String>> list = new ArrayList<>();
    for (Frame.Row r : f) {
      Map<String, String> m = new LinkedHashMap<>();
      r.toMap().forEach((k, v) -> m.put(k, v));
      list.add(m);
    }
    return list;
  }
}
