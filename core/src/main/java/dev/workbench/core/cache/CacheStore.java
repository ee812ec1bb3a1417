package dev.workbench.core.cache;

import dev.workbench.api.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;

/**
 * Cached model outputs in an SQLite file, one row per (endpoint, model identity, key column, key).
 *
 * <p>Shared safely between threads (this object's monitor serializes its one connection) and processes: WAL
 * lets readers run beside a writer, {@code busy_timeout} makes a second writer wait instead of failing, and
 * write transactions begin IMMEDIATE so two processes never deadlock upgrading read locks. Nothing is loaded
 * whole: lookups fetch only the keys asked for, in chunks.
 */
public final class CacheStore implements AutoCloseable {
  /** Keys per SQL statement (SQLite allows 32766 parameters; smaller chunks keep statements cheap). */
  private static final int CHUNK = 500;
  private static final int BUSY_TIMEOUT_MS = 30_000;

  private final Path file;
  private final Connection db;

  private CacheStore(Path file, Connection db) {
    this.file = file;
    this.db = db;
  }

  /** Opens (creating when missing) the cache file. */
  public static CacheStore open(Path file) {
    Path path = file.toAbsolutePath();
    try {
      Files.createDirectories(path.getParent());
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      config.setBusyTimeout(BUSY_TIMEOUT_MS);
      config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      Connection db = config.createConnection("jdbc:sqlite:" + path);
      try (Statement s = db.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS inference_cache ("
            + "endpoint TEXT NOT NULL, model TEXT NOT NULL, key_column TEXT NOT NULL, key TEXT NOT NULL, "
            + "output TEXT NOT NULL, stored_at INTEGER NOT NULL, "
            + "PRIMARY KEY (endpoint, model, key_column, key)) WITHOUT ROWID");
      }
      return new CacheStore(path, db);
    } catch (Exception e) {
      throw new WorkbenchException("Cannot open the inference cache " + path + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /** The stored outputs of those keys that are cached in this scope (absent keys are not in the map). */
  public synchronized Map<String, Map<String, @Nullable String>> get(CacheScope scope, Collection<String> keys) {
    Map<String, Map<String, @Nullable String>> found = new HashMap<>();
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
    try {
      for (int from = 0; from < distinct.size(); from += CHUNK) {
        List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + CHUNK));
        String sql = "SELECT key, output FROM inference_cache WHERE endpoint = ? AND model = ? AND key_column = ?"
            + " AND key IN (" + placeholders(chunk.size()) + ")";
        try (PreparedStatement ps = db.prepareStatement(sql)) {
          bindScope(ps, scope);
          for (int i = 0; i < chunk.size(); i++) {
            ps.setString(4 + i, chunk.get(i));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              found.put(rs.getString(1), OutputCodec.decode(rs.getString(2)));
            }
          }
        }
      }
      return found;
    } catch (SQLException e) {
      throw failure("read", e);
    }
  }

  /** Stores outputs by key in one transaction (replacing what was there). */
  public synchronized void put(CacheScope scope, Map<String, Map<String, @Nullable String>> outputs) {
    if (outputs.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    inTransaction(() -> {
      try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO inference_cache "
          + "(endpoint, model, key_column, key, output, stored_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        int pending = 0;
        for (Map.Entry<String, Map<String, @Nullable String>> e : outputs.entrySet()) {
          bindScope(ps, scope);
          ps.setString(4, e.getKey());
          ps.setString(5, OutputCodec.encode(e.getValue()));
          ps.setLong(6, now);
          ps.addBatch();
          if (++pending == CHUNK) {
            ps.executeBatch();
            pending = 0;
          }
        }
        if (pending > 0) {
          ps.executeBatch();
        }
      }
      return null;
    }, "write");
  }

  /** Entries in this scope. */
  public synchronized long size(CacheScope scope) {
    try (PreparedStatement ps = db.prepareStatement(
        "SELECT COUNT(*) FROM inference_cache WHERE endpoint = ? AND model = ? AND key_column = ?")) {
      bindScope(ps, scope);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw failure("count", e);
    }
  }

  /** Entries of every endpoint and model in the file. */
  public synchronized long sizeAll() {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM inference_cache")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw failure("count", e);
    }
  }

  /** Removes every entry of this endpoint (all models, all key columns); returns how many. */
  public synchronized int clear(String endpoint) {
    return inTransaction(() -> {
      try (PreparedStatement ps = db.prepareStatement("DELETE FROM inference_cache WHERE endpoint = ?")) {
        ps.setString(1, endpoint);
        return ps.executeUpdate();
      }
    }, "clear");
  }

  /** Removes these keys of this endpoint and key column (all models); returns how many entries went. */
  public synchronized int delete(String endpoint, String keyColumn, Collection<String> keys) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
    return inTransaction(() -> {
      int deleted = 0;
      for (int from = 0; from < distinct.size(); from += CHUNK) {
        List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + CHUNK));
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM inference_cache WHERE endpoint = ? "
            + "AND key_column = ? AND key IN (" + placeholders(chunk.size()) + ")")) {
          ps.setString(1, endpoint);
          ps.setString(2, keyColumn);
          for (int i = 0; i < chunk.size(); i++) {
            ps.setString(3 + i, chunk.get(i));
          }
          deleted += ps.executeUpdate();
        }
      }
      return deleted;
    }, "delete");
  }

  /** Removes this endpoint's entries computed by other models than the scope's (stale after a redeploy). */
  public synchronized int pruneOtherModels(CacheScope scope) {
    return inTransaction(() -> {
      try (PreparedStatement ps = db.prepareStatement(
          "DELETE FROM inference_cache WHERE endpoint = ? AND model <> ?")) {
        ps.setString(1, scope.endpoint());
        ps.setString(2, scope.model());
        return ps.executeUpdate();
      }
    }, "prune");
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException e) {
      throw failure("close", e);
    }
  }

  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T inTransaction(Work<T> work, String what) {
    try {
      db.setAutoCommit(false);
      try {
        T result = work.run();
        db.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  private static void bindScope(PreparedStatement ps, CacheScope scope) throws SQLException {
    ps.setString(1, scope.endpoint());
    ps.setString(2, scope.model());
    ps.setString(3, scope.keyColumn());
  }

  private static String placeholders(int n) {
    return "?,".repeat(n - 1) + "?";
  }

  private WorkbenchException failure(String what, SQLException e) {
    return new WorkbenchException("Inference cache " + file + ": " + what + " failed: " + e.getMessage(), e);
  }
}
