package dev.workbench.core.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's SQLite storage on its own, with real files, threads and a second JVM. */
class CacheStoreTest {
  private static final CacheScope SCOPE = new CacheScope("ep", "model-a@1", "smiles");

  @TempDir
  Path dir;

  private static Map<String, String> output(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void storesOutputsWithTheirColumnOrderAndNulls() {
    try (CacheStore store = CacheStore.open(dir.resolve("c/cache.db"))) {
      store.put(SCOPE, Map.of("CCO", output("mw", "46.07", "logp", null, "note", "a \"quoted\", ☃\nline")));
      Map<String, Map<String, String>> got = store.get(SCOPE, List.of("CCO", "O", "CCO"));
      assertEquals(1, got.size());
      Map<String, String> row = got.get("CCO");
      assertEquals(List.of("mw", "logp", "note"), new ArrayList<>(row.keySet()));
      assertEquals("46.07", row.get("mw"));
      assertTrue(row.containsKey("logp"));
      assertNull(row.get("logp"));
      assertEquals("a \"quoted\", ☃\nline", row.get("note"));
      assertTrue(Files.exists(dir.resolve("c/cache.db")));
    }
  }

  @Test
  void scopesDoNotSeeEachOther() {
    try (CacheStore store = CacheStore.open(dir.resolve("cache.db"))) {
      store.put(SCOPE, Map.of("CCO", output("mw", "1")));
      CacheScope redeployed = new CacheScope("ep", "model-b@2", "smiles");
      CacheScope otherEndpoint = new CacheScope("ep2", "model-a@1", "smiles");
      CacheScope otherKey = new CacheScope("ep", "model-a@1", "id");
      assertTrue(store.get(redeployed, List.of("CCO")).isEmpty());
      assertTrue(store.get(otherEndpoint, List.of("CCO")).isEmpty());
      assertTrue(store.get(otherKey, List.of("CCO")).isEmpty());
      store.put(redeployed, Map.of("CCO", output("mw", "2"), "O", output("mw", "3")));
      store.put(otherEndpoint, Map.of("CCO", output("mw", "4")));
      assertEquals(4, store.sizeAll());
      assertEquals(1, store.pruneOtherModels(redeployed), "the old model's entry goes, other endpoints stay");
      assertEquals(2, store.size(redeployed));
      assertEquals(0, store.size(SCOPE));
      assertEquals(1, store.size(otherEndpoint));
    }
  }

  @Test
  void deleteAndClear() {
    try (CacheStore store = CacheStore.open(dir.resolve("cache.db"))) {
      Map<String, Map<String, String>> many = new HashMap<>();
      for (int i = 0; i < 1234; i++) {
        many.put("k" + i, output("v", Integer.toString(i)));
      }
      store.put(SCOPE, many);
      store.put(new CacheScope("other", "m", "smiles"), Map.of("k1", output("v", "x")));
      assertEquals(1234, store.size(SCOPE));
      List<String> gone = new ArrayList<>();
      for (int i = 0; i < 700; i++) {
        gone.add("k" + i);
      }
      gone.add("never-stored");
      assertEquals(700, store.delete("ep", "smiles", gone));
      assertEquals(534, store.size(SCOPE));
      assertEquals(534, store.get(SCOPE, many.keySet()).size(), "lookups of more keys than one statement holds");
      assertEquals(534, store.clear("ep"));
      assertEquals(0, store.size(SCOPE));
      assertEquals(1, store.sizeAll(), "another endpoint's entries are not cleared");
    }
  }

  @Test
  void twoConnectionsWritingAtOnceLoseNothing() throws Exception {
    Path file = dir.resolve("shared.db");
    int writers = 4;
    int rounds = 50;
    int perRound = 40;
    try (CacheStore a = CacheStore.open(file); CacheStore b = CacheStore.open(file)) {
      ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
      List<Future<?>> work = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        CacheStore store = w % 2 == 0 ? a : b;
        int writer = w;
        work.add(pool.submit(() -> {
          for (int r = 0; r < rounds; r++) {
            Map<String, Map<String, String>> batch = new HashMap<>();
            for (int k = 0; k < perRound; k++) {
              batch.put(writer + "-" + r + "-" + k, output("v", Integer.toString(k)));
            }
            store.put(SCOPE, batch);
          }
          return null;
        }));
      }
      work.add(pool.submit(() -> {
        for (int r = 0; r < 200; r++) {
          b.get(SCOPE, List.of("0-0-0", "1-1-1"));
          a.size(SCOPE);
        }
        return null;
      }));
      for (Future<?> f : work) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertEquals((long) writers * rounds * perRound, a.size(SCOPE));
      assertEquals("7", b.get(SCOPE, List.of("3-49-7")).get("3-49-7").get("v"));
    }
    assertEquals("ok", integrity(file));
  }

  @Test
  void anotherProcessWritingTheSameFileAtTheSameTime() throws Exception {
    Path file = dir.resolve("two-jvms.db");
    try (CacheStore store = CacheStore.open(file)) {
      store.put(SCOPE, Map.of("warm", output("v", "0")));
    }
    Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), OtherProcess.class.getName(), file.toString(), "other", "60")
        .redirectError(dir.resolve("other.err").toFile()).start();
    // Start writing only once the other JVM has the file open, so the two really write at the same time.
    java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream()));
    assertEquals("ready", out.readLine(), () -> read(dir.resolve("other.err")));
    try (CacheStore store = CacheStore.open(file)) {
      for (int r = 0; r < 60; r++) {
        Map<String, Map<String, String>> batch = new HashMap<>();
        for (int k = 0; k < 50; k++) {
          batch.put("here-" + r + "-" + k, output("v", Integer.toString(k)));
        }
        store.put(SCOPE, batch);
      }
      assertTrue(other.waitFor(120, TimeUnit.SECONDS), "the other JVM finished");
      String log = new String(other.getInputStream().readAllBytes()) + read(dir.resolve("other.err"));
      assertTrue(log.contains("done"), log);
      assertEquals(0, other.exitValue(), log);
      assertEquals(1 + 60 * 50 + 60 * 50, store.size(SCOPE), log);
      assertEquals("49", store.get(SCOPE, List.of("other-59-49")).get("other-59-49").get("v"));
    }
    assertEquals("ok", integrity(file));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private static String integrity(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** The second process: writes rounds of entries into the same file. */
  public static final class OtherProcess {
    public static void main(String[] args) {
      Path file = Path.of(args[0]);
      String prefix = args[1];
      int rounds = Integer.parseInt(args[2]);
      try (CacheStore store = CacheStore.open(file)) {
        System.out.println("ready");
        System.out.flush();
        for (int r = 0; r < rounds; r++) {
          Map<String, Map<String, String>> batch = new HashMap<>();
          for (int k = 0; k < 50; k++) {
            batch.put(prefix + "-" + r + "-" + k, output("v", Integer.toString(k)));
          }
          store.put(SCOPE, batch);
        }
      }
      System.out.println("done");
    }
  }
}
