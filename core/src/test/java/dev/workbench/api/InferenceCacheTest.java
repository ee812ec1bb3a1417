package dev.workbench.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** The inference cache in front of real endpoints on local-cloud, with a real SQLite file. */
class InferenceCacheTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.fast();

  @TempDir
  static Path data;

  @TempDir
  Path dir;

  static Cloud cloud;
  static Endpoint descriptors;

  @BeforeAll
  static void deploy() {
    cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data));
    descriptors = cloud.registerModel("cache-descriptors", r -> r.image("local/smiles-descriptors")).toEndpoint();
  }

  @AfterAll
  static void close() {
    cloud.close();
  }

  private static Frame smiles(String... values) {
    Frame.Builder b = Frame.builder("id", "smiles");
    for (int i = 0; i < values.length; i++) {
      b.row("row" + i, values[i]);
    }
    return b.build();
  }

  private static long invocations() {
    return local.cloud().stats().get("runtime.InvokeEndpoint");
  }

  @Test
  void onlyUncachedKeysAreSentAndResultsKeepTheCallersOrder() {
    Recording endpoint = new Recording(descriptors);
    try (InferenceCache cache = new InferenceCache(endpoint.endpoint, "smiles", dir.resolve("cache.db"))) {
      Frame first = cache.inference(smiles("CCO", "c1ccccc1", "O", "N", "C"));
      assertEquals(new CacheStats(0, 5), cache.lastStats());
      assertEquals(5, cache.size());
      assertEquals(List.of("CCO", "c1ccccc1", "O", "N", "C"), endpoint.sentKeys(0));
      assertEquals("C2H6O", first.get(0, "formula"));
      List<String> columns = first.columns();
      assertEquals(List.of("id", "smiles"), columns.subList(0, 2), "input columns first");
      assertEquals(Frame.ERROR_COLUMN, columns.get(columns.size() - 1), "then outputs, then inference_error");
      assertTrue(first.hasColumn("mw"));

      long before = invocations();
      Frame second = cache.inference(smiles("O", "CC(=O)O", "CCO", "CC(=O)O", "C#N"));
      assertEquals(new CacheStats(2, 3), cache.lastStats());
      assertEquals(List.of("CC(=O)O", "C#N"), endpoint.sentKeys(1), "each uncached key sent once");
      assertEquals(1, invocations() - before);
      assertEquals(List.of("row0", "row1", "row2", "row3", "row4"), second.column("id"));
      assertEquals(List.of("O", "CC(=O)O", "CCO", "CC(=O)O", "C#N"), second.column("smiles"));
      assertEquals(columns, second.columns());
      assertEquals(first.get(2, "mw"), second.get(0, "mw"), "a hit carries the cached output");
      assertEquals(first.get(0, "formula"), second.get(2, "formula"));
      assertEquals(second.get(1, "mw"), second.get(3, "mw"), "duplicates share one answer");
      assertEquals(60.05, second.getDouble(1, "mw"), 0.05);
      assertEquals(0, second.errorCount());
      assertEquals(7, cache.size());

      long again = invocations();
      Frame all = cache.inference(smiles("C#N", "CCO"));
      assertEquals(new CacheStats(2, 0), cache.lastStats());
      assertEquals(again, invocations(), "all hits: the endpoint is not called");
      assertEquals(2, endpoint.calls.size());
      assertEquals(columns, all.columns());
      assertEquals(second.get(4, "mw"), all.get(0, "mw"));
      assertNull(all.get(1, Frame.ERROR_COLUMN));
    }
  }

  @Test
  void failedRowsAreNeverCached() {
    Recording endpoint = new Recording(descriptors);
    try (InferenceCache cache = new InferenceCache(endpoint.endpoint, "smiles", dir.resolve("cache.db"))) {
      Frame out = cache.inference(smiles("CCO", "not a smiles", "O"));
      assertEquals(1, out.errorCount());
      assertNotNull(out.get(1, Frame.ERROR_COLUMN));
      assertEquals(2, cache.size());

      Frame again = cache.inference(smiles("not a smiles", "CCO"));
      assertEquals(new CacheStats(1, 1), cache.lastStats());
      assertEquals(List.of("not a smiles"), endpoint.sentKeys(1), "the failed row is tried again");
      assertNotNull(again.get(0, Frame.ERROR_COLUMN));
      assertNull(again.get(1, Frame.ERROR_COLUMN));

      InferenceFailedException e = assertThrows(InferenceFailedException.class,
          () -> cache.inference(smiles("still not", "nor this")));
      assertEquals(2, e.result().errorCount());
      assertEquals(2, cache.size());
    }
  }

  @Test
  void rowsWithoutAKeyAreSentEachTimeAndNeverCached() {
    Recording endpoint = new Recording(descriptors);
    Frame input = Frame.builder("id", "smiles").row("a", "CCO").row("b", null).row("c", null).build();
    try (InferenceCache cache = new InferenceCache(endpoint.endpoint, "smiles", dir.resolve("cache.db"))) {
      Frame out = cache.inference(input);
      assertEquals(List.of("a", "b", "c"), out.column("id"));
      assertEquals(1, cache.size());
      cache.inference(input);
      assertEquals(new CacheStats(1, 2), cache.lastStats());
      assertEquals(Arrays.asList(null, null), endpoint.sentKeys(1), "both key-less rows, each as its own row");
    }
  }

  @Test
  void anErrorColumnFromAnEarlierRunIsReplaced() {
    try (InferenceCache cache = new InferenceCache(descriptors, "smiles", dir.resolve("cache.db"))) {
      Frame retry = smiles("CCO", "O").withColumn(Frame.ERROR_COLUMN, Arrays.asList("timeout", null));
      Frame out = cache.inference(retry);
      assertEquals(0, out.errorCount());
      assertEquals(1, out.columns().stream().filter(Frame.ERROR_COLUMN::equals).count());
    }
  }

  @Test
  void aMissingKeyColumnOrNoRowsIsRefused() {
    long before = invocations();
    try (InferenceCache cache = new InferenceCache(descriptors, "smiles", dir.resolve("cache.db"))) {
      FrameException e = assertThrows(FrameException.class,
          () -> cache.inference(Frame.builder("id", "SMILES").row("1", "C").build()));
      assertEquals("Inference cache of endpoint 'cache-descriptors': no key column 'smiles' in the input "
          + "(columns: id, SMILES)", e.getMessage());
      FrameException empty = assertThrows(FrameException.class,
          () -> cache.inference(Frame.empty(List.of("id", "smiles"))));
      assertTrue(empty.getMessage().contains("no rows"), empty.getMessage());
      assertEquals(0, cache.size());
      assertEquals(before, invocations(), "nothing was sent");
    }
  }

  @Test
  void deleteAndClear() {
    try (InferenceCache cache = new InferenceCache(descriptors, "smiles", dir.resolve("cache.db"))) {
      cache.inference(smiles("CCO", "O", "N"));
      assertEquals(1, cache.delete(List.of("O", "absent")));
      assertEquals(2, cache.size());
      cache.inference(smiles("O", "N"));
      assertEquals(new CacheStats(1, 1), cache.lastStats());
      cache.clear();
      assertEquals(0, cache.size());
      cache.inference(smiles("N"));
      assertEquals(new CacheStats(0, 1), cache.lastStats());
    }
  }

  @Test
  void aRedeployUnderTheSameNameDoesNotServeStaleResults() {
    String name = "cache-redeploy";
    Endpoint v1 = cloud.registerModel(name, r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "0"))
        .toEndpoint();
    Frame input = Frame.builder("smiles").row("CCO").row("O").build();
    try (InferenceCache cache = new InferenceCache(v1, "smiles", dir.resolve("cache.db"))) {
      Frame out1 = cache.inference(input);
      assertEquals("0", out1.get(0, "latency_ms"));
      cache.inference(input);
      assertEquals(new CacheStats(2, 0), cache.lastStats());
    }
    undeploy(name);
    Endpoint v2 = cloud.registerModel(name, r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "1"))
        .toEndpoint();
    try (InferenceCache cache = new InferenceCache(v2, "smiles", dir.resolve("cache.db"))) {
      assertEquals(0, cache.size(), "nothing cached for the new deployment");
      Frame out2 = cache.inference(input);
      assertEquals(new CacheStats(0, 2), cache.lastStats());
      assertEquals("1", out2.get(0, "latency_ms"), "the new model's output, not the old one's");
      assertEquals(2, cache.size());
    } finally {
      undeploy(name);
    }
  }

  /** Deletes endpoint, config and model through SageMaker itself and waits until the endpoint is gone. */
  private static void undeploy(String name) {
    SageMakerClient sm = cloud.sageMaker();
    sm.deleteEndpoint(d -> d.endpointName(name));
    sm.deleteEndpointConfig(d -> d.endpointConfigName(name));
    sm.deleteModel(d -> d.modelName(name));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        sm.describeEndpoint(d -> d.endpointName(name));
      } catch (SageMakerException gone) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new AssertionError("endpoint " + name + " was not deleted");
  }

  @Test
  void twoCachesOnOneFileUsedAtOnce() throws Exception {
    Path file = dir.resolve("shared.db");
    List<String> keys = List.of("C", "CC", "CCC", "CCCC", "CCCCC", "CCCCCC", "CCO", "CCCO", "O", "N");
    try (InferenceCache a = new InferenceCache(descriptors, "smiles", file);
         InferenceCache b = new InferenceCache(descriptors, "smiles", file)) {
      List<CompletableFuture<Frame>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        InferenceCache cache = i % 2 == 0 ? a : b;
        List<String> mine = new ArrayList<>(keys);
        java.util.Collections.rotate(mine, i * 3);
        runs.add(CompletableFuture.supplyAsync(() -> cache.inference(smiles(mine.toArray(String[]::new)))));
      }
      for (CompletableFuture<Frame> run : runs) {
        Frame out = run.get(60, TimeUnit.SECONDS);
        assertEquals(10, out.rowCount());
        assertEquals(0, out.errorCount());
      }
      assertEquals(10, a.size());
      Frame check = b.inference(smiles("CCO", "N"));
      assertEquals(new CacheStats(2, 0), b.lastStats());
      assertEquals(46.07, check.getDouble(0, "mw"), 0.05);
    }
  }

  @Test
  void theDefaultFileIsUnderTheDataDirectory() {
    try (InferenceCache cache = new InferenceCache(descriptors, "smiles", cloud)) {
      assertEquals(data.resolve("cache/inference-cache.db"), cache.file());
      assertTrue(Files.exists(cache.file()));
    }
  }

  /**
   * The real endpoint, recording the frames the cache sends it (a dynamic proxy, so it follows the Endpoint
   * interface as it grows).
   */
  private static final class Recording {
    final List<Frame> calls = new CopyOnWriteArrayList<>();
    final Endpoint endpoint;

    Recording(Endpoint real) {
      endpoint = (Endpoint) Proxy.newProxyInstance(Endpoint.class.getClassLoader(), new Class<?>[] {Endpoint.class},
          (proxy, method, args) -> {
            if (args != null && args.length > 0 && args[0] instanceof Frame sent) {
              calls.add(sent);
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }

    List<String> sentKeys(int call) {
      return calls.get(call).column("smiles");
    }
  }
}
