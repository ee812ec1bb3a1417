package dev.workbench.core.cache;

import dev.workbench.api.Endpoint;
import dev.workbench.api.EndpointDescription;
import dev.workbench.api.Frame;
import dev.workbench.api.FrameException;
import dev.workbench.api.InferenceFailedException;
import dev.workbench.api.InferenceOptions;
import dev.workbench.api.WorkbenchException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** One cached inference: look up keys, send the misses once each, store what succeeded, merge in input order. */
public final class CacheMerge {
  /** The merged frame and how many input rows were answered from the cache (hits) or not (misses). */
  public record Result(Frame frame, int hits, int misses) {
  }

  private CacheMerge() {
  }

  /**
   * The endpoint's current model identity: its model name and the endpoint's creation time. A redeploy either
   * recreates the endpoint or points it at another model, so either part changing retires the old entries.
   */
  public static CacheScope scope(Endpoint endpoint, String keyColumn) {
    EndpointDescription d = endpoint.describe();
    String model = (d.modelName() == null ? "" : d.modelName()) + "@" + d.created().toEpochMilli();
    return new CacheScope(endpoint.name(), model, keyColumn);
  }

  /** The checks that need no endpoint call: the key column is there and there are rows to send. */
  public static void validate(String endpointName, String keyColumn, Frame input) {
    if (!input.hasColumn(keyColumn)) {
      throw new FrameException("Inference cache of endpoint '" + endpointName + "': no key column '" + keyColumn
          + "' in the input (columns: " + String.join(", ", input.columns()) + ")");
    }
    if (input.isEmpty()) {
      throw new FrameException("Nothing to send to endpoint '" + endpointName + "': the frame has no rows (columns: "
          + String.join(", ", input.columns()) + ")");
    }
  }

  public static Result run(Endpoint endpoint, CacheStore store, CacheScope scope, Frame input,
      Consumer<InferenceOptions.Builder> options) {
    String key = scope.keyColumn();
    validate(endpoint.name(), key, input);
    // An error column from an earlier run is not input: it is replaced by this run's.
    Frame payload = input.drop(Frame.ERROR_COLUMN);
    List<@Nullable String> keys = payload.column(key);
    List<String> present = new ArrayList<>();
    for (String k : keys) {
      if (k != null) {
        present.add(k);
      }
    }
    Map<String, Map<String, @Nullable String>> cached = store.get(scope, present);

    int n = payload.rowCount();
    int[] source = new int[n]; // -1: cache hit; else the row of the misses frame that answers it
    Map<String, Integer> sentAt = new HashMap<>();
    List<Integer> send = new ArrayList<>();
    int hits = 0;
    for (int r = 0; r < n; r++) {
      String k = keys.get(r);
      if (k != null && cached.containsKey(k)) {
        source[r] = -1;
        hits++;
        continue;
      }
      Integer at = k == null ? null : sentAt.get(k);
      if (at == null) {
        at = send.size();
        send.add(r);
        if (k != null) {
          sentAt.put(k, at);
        }
      }
      source[r] = at;
    }

    Frame answers = null;
    List<String> outputColumns = new ArrayList<>();
    if (!send.isEmpty()) {
      Frame misses = payload.selectRows(send.stream().mapToInt(Integer::intValue).toArray());
      answers = invoke(endpoint, misses, options);
      Set<String> inputs = Set.copyOf(payload.columns());
      for (String c : answers.columns()) {
        if (!inputs.contains(c) && !c.equals(Frame.ERROR_COLUMN)) {
          outputColumns.add(c);
        }
      }
      store.put(scope, successes(misses, answers, key, outputColumns));
      store.pruneOtherModels(scope);
    }
    // Columns of older entries the model no longer returns still show (as cached), after the fresh ones.
    LinkedHashSet<String> columns = new LinkedHashSet<>(outputColumns);
    for (Map<String, @Nullable String> entry : cached.values()) {
      for (String c : entry.keySet()) {
        if (!payload.hasColumn(c) && !c.equals(Frame.ERROR_COLUMN)) {
          columns.add(c);
        }
      }
    }
    Frame merged = merge(payload, key, source, cached, answers, new ArrayList<>(columns));
    long failed = merged.errorCount();
    if (failed == n) {
      throw new InferenceFailedException("Every row sent to endpoint '" + endpoint.name() + "' failed ("
          + n + " rows); first error: " + merged.get(0, Frame.ERROR_COLUMN), merged);
    }
    return new Result(merged, hits, n - hits);
  }

  private static Frame invoke(Endpoint endpoint, Frame misses, Consumer<InferenceOptions.Builder> options) {
    Frame answers;
    try {
      answers = endpoint.inference(misses, options);
    } catch (InferenceFailedException e) {
      answers = e.result(); // every miss failed; hits may still answer other rows
    }
    if (answers.rowCount() != misses.rowCount()) {
      throw new WorkbenchException("Endpoint '" + endpoint.name() + "' returned " + answers.rowCount()
          + " rows for " + misses.rowCount() + " sent");
    }
    return answers;
  }

  /** The outputs of rows that succeeded and have a key; failed rows are never cached. */
  private static Map<String, Map<String, @Nullable String>> successes(Frame misses, Frame answers, String key,
      List<String> outputColumns) {
    int error = answers.hasColumn(Frame.ERROR_COLUMN) ? answers.columnIndex(Frame.ERROR_COLUMN) : -1;
    int[] at = outputColumns.stream().mapToInt(answers::columnIndex).toArray();
    int keyAt = misses.columnIndex(key);
    Map<String, Map<String, @Nullable String>> out = new LinkedHashMap<>();
    for (int r = 0; r < misses.rowCount(); r++) {
      Frame.Row row = answers.get(r);
      String k = misses.get(r).get(keyAt);
      if (k == null || (error >= 0 && row.get(error) != null)) {
        continue;
      }
      Map<String, @Nullable String> values = new LinkedHashMap<>();
      for (int i = 0; i < at.length; i++) {
        values.put(outputColumns.get(i), row.get(at[i]));
      }
      out.put(k, values);
    }
    return out;
  }

  private static Frame merge(Frame payload, String key, int[] source, Map<String, Map<String, @Nullable String>> cached,
      @Nullable Frame answers, List<String> outputColumns) {
    List<String> columns = new ArrayList<>(payload.columns());
    columns.addAll(outputColumns);
    columns.add(Frame.ERROR_COLUMN);
    int inputs = payload.columnCount();
    int keyAt = payload.columnIndex(key);
    int[] answerAt = new int[outputColumns.size()];
    int answerError = -1;
    if (answers != null) {
      for (int i = 0; i < answerAt.length; i++) {
        answerAt[i] = answers.hasColumn(outputColumns.get(i)) ? answers.columnIndex(outputColumns.get(i)) : -1;
      }
      answerError = answers.hasColumn(Frame.ERROR_COLUMN) ? answers.columnIndex(Frame.ERROR_COLUMN) : -1;
    }
    Frame.Builder out = Frame.builder(columns);
    @Nullable String[] row = new String[columns.size()];
    for (int r = 0; r < payload.rowCount(); r++) {
      Frame.Row in = payload.get(r);
      for (int c = 0; c < inputs; c++) {
        row[c] = in.get(c);
      }
      if (source[r] < 0) {
        Map<String, @Nullable String> entry = cached.get(in.get(keyAt));
        for (int i = 0; i < outputColumns.size(); i++) {
          row[inputs + i] = entry == null ? null : entry.get(outputColumns.get(i));
        }
        row[columns.size() - 1] = null;
      } else if (answers != null) {
        Frame.Row answer = answers.get(source[r]);
        for (int i = 0; i < outputColumns.size(); i++) {
          row[inputs + i] = answerAt[i] < 0 ? null : answer.get(answerAt[i]);
        }
        row[columns.size() - 1] = answerError < 0 ? null : answer.get(answerError);
      }
      out.row(row);
    }
    return out.build();
  }
}
