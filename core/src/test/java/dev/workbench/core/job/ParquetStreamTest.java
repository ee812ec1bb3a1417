package dev.workbench.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.api.StreamResult;
import dev.workbench.api.WorkbenchException;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Parquet in and out as a user runs it: a typed Parquet file through a sync endpoint comes back as Parquet with
 * every row, in order, its input columns still typed; the same through S3; a failed run leaves no output file.
 */
class ParquetStreamTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.fast();

  @TempDir
  static Path data;

  static Cloud cloud;
  static Endpoint echo;

  static final int ROWS = 12_000; // two chunks

  @BeforeAll
  static void deploy() {
    cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data.resolve("client")));
    echo = cloud.registerModel("parquet-echo", r -> r.image("local/latency")
            .environment(Map.of("LATENCY_MS_PER_ROW", "0")))
        .toEndpoint(d -> d.minInstances(1));
  }

  @AfterAll
  static void close() {
    cloud.close();
  }

  static void sql(String statement) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
      s.execute(statement);
    }
  }

  /** An int, a double and a string column (one string null). */
  static Path input(Path dir) throws SQLException {
    Path p = dir.resolve("in.parquet");
    sql("COPY (SELECT i::INTEGER AS id, (i * 0.25)::DOUBLE AS score, CASE WHEN i = 5 THEN NULL ELSE 'name, ' || i END AS name"
        + " FROM range(" + ROWS + ") t(i) ORDER BY i) TO '" + p + "' (FORMAT PARQUET)");
    return p;
  }

  static Map<String, String> types(Path parquet) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement();
        ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + parquet + "')")) {
      while (r.next()) {
        types.put(r.getString("column_name"), r.getString("column_type"));
      }
    }
    return types;
  }

  /** N rows in, N out, in input order, input values and types as they were, the model's column, no errors. */
  static void assertRoundTrip(Path out) throws SQLException {
    assertEquals(Map.of("id", "INTEGER", "score", "DOUBLE", "name", "VARCHAR", "latency_ms", "VARCHAR",
        Frame.ERROR_COLUMN, "VARCHAR"), types(out));
    assertEquals(List.of("id", "score", "name", "latency_ms", Frame.ERROR_COLUMN), List.copyOf(types(out).keySet()));
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT * FROM read_parquet('" + out + "')")) {
      int i = 0;
      while (r.next()) {
        assertEquals(i, r.getInt("id"), "row " + i + " in input order");
        assertEquals(i * 0.25, r.getDouble("score"), 0.0);
        assertEquals(i == 5 ? null : "name, " + i, r.getString("name"));
        assertEquals("0", r.getString("latency_ms"));
        assertNull(r.getString(Frame.ERROR_COLUMN), "row " + i + " succeeded");
        i++;
      }
      assertEquals(ROWS, i, "N rows in, N rows out");
    }
  }

  static List<String> leftovers(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
    }
  }

  @Test
  void aTypedParquetFileComesBackAsParquetWithItsTypes(@TempDir Path dir) throws Exception {
    Path in = input(dir);
    Path out = dir.resolve("out.parquet");

    StreamResult result = echo.inferenceFile(in.toString(), out.toString(), o -> o.batchSize(1_000));

    assertEquals(ROWS, result.rows());
    assertEquals(0, result.rowsFailed());
    assertRoundTrip(out);
    assertEquals(List.of(), leftovers(dir), "no staged CSV or temporary Parquet stays behind");
  }

  @Test
  void aParquetObjectInS3ComesBackAsAParquetObject(@TempDir Path dir) throws Exception {
    String bucket = cloud.bucket();
    cloud.s3().putObject(b -> b.bucket(bucket).key("pq/in.parquet"), RequestBody.fromFile(input(dir)));

    StreamResult result = echo.inferenceFile("s3://" + bucket + "/pq/in.parquet", "s3://" + bucket + "/pq/out.parquet",
        o -> o.batchSize(1_000));

    assertEquals(ROWS, result.rows());
    Path out = dir.resolve("downloaded.parquet");
    cloud.s3().getObject(b -> b.bucket(bucket).key("pq/out.parquet"), out);
    assertRoundTrip(out);
  }

  @Test
  void aFailedRunLeavesNoParquetFile(@TempDir Path dir) throws Exception {
    Path in = input(dir);
    Path out = dir.resolve("failed.parquet");
    StreamInput input = StreamEnds.input(in.toString(), cloud.s3());
    AtomicInteger chunks = new AtomicInteger();
    StreamedRun run = new StreamedRun(echo.name(), input,
        StreamEnds.output(out.toString(), "x", input.columnTypes(), cloud.s3()), 10_000, 1, rows -> {
          if (chunks.incrementAndGet() == 2) {
            throw new WorkbenchException("the endpoint went away");
          }
          return echo.submit(rows, o -> o.batchSize(1_000));
        }, null).start();

    assertThrows(WorkbenchException.class, run::join);
    assertFalse(Files.exists(out), "a failed run writes no output");
    assertFalse(Files.exists(dir.resolve(".failed.parquet.tmp")), "nor a temporary Parquet file");
  }
}
