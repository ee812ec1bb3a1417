package dev.workbench.core.journal;

import dev.workbench.api.JournalBatch;
import dev.workbench.api.WorkbenchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The journal of async batches: an SQLite file (WAL, so readers such as {@code workbench jobs} in another
 * process never block the writer). Every batch is recorded before it is invoked and updated when SageMaker
 * returns its locations, when its output or failure is read, and when its job is cancelled, so running the
 * same inference again after a crash collects outputs already paid for instead of invoking again.
 *
 * <p>One connection, serialized by this object's monitor: each statement is a short autocommit write, and
 * with WAL and {@code synchronous=NORMAL} a commit survives a process crash without an fsync per batch.
 */
public final class Journal implements AutoCloseable {
    private static final String COLUMNS = "inference_id, content_key, generation, endpoint, input_location, "
            + "output_location, failure_location, first_row, row_count, submitted_at, state, error, result, owner";

    private final Path file;
    private final Connection db;

    private Journal(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /** Opens (creating when missing) the journal file. */
    public static Journal open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // The driver directly, not DriverManager: a second class loader in one JVM (two exec:java runs in one
            // Maven) does not see the driver's self-registration and would find "no suitable driver".
            Connection db = new org.sqlite.SQLiteConfig().createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("CREATE TABLE IF NOT EXISTS batches ("
                        + "inference_id TEXT PRIMARY KEY, content_key TEXT NOT NULL, generation INTEGER NOT NULL, "
                        + "endpoint TEXT NOT NULL, input_location TEXT NOT NULL, output_location TEXT, "
                        + "failure_location TEXT, first_row INTEGER NOT NULL, row_count INTEGER NOT NULL, "
                        + "submitted_at INTEGER NOT NULL, state TEXT NOT NULL, error TEXT, result TEXT, "
                        + "updated_at INTEGER NOT NULL)");
                addOwnerColumn(db);
                s.execute("CREATE INDEX IF NOT EXISTS batches_content ON batches(content_key, generation)");
                s.execute("CREATE INDEX IF NOT EXISTS batches_state ON batches(state)");
            }
            return new Journal(file, db);
        } catch (Exception e) {
            throw new WorkbenchException("Cannot open the async journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Journals written before batches had owners get the column (null: nobody known is working on it). */
    private static void addOwnerColumn(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(batches)")) {
            while (rs.next()) {
                if ("owner".equals(rs.getString("name"))) {
                    return;
                }
            }
        }
        try (Statement s = db.createStatement()) {
            s.execute("ALTER TABLE batches ADD COLUMN owner TEXT");
        } catch (SQLException e) {
            // Another process added it between our look and our change.
            if (!String.valueOf(e.getMessage()).contains("duplicate column")) {
                throw e;
            }
        }
    }

    public Path file() {
        return file;
    }

    /** The latest generation recorded for this content, if any. */
    public synchronized Optional<JournalEntry> latest(String contentKey) {
        return query("SELECT " + COLUMNS + " FROM batches WHERE content_key = ? ORDER BY generation DESC LIMIT 1",
                ps -> ps.setString(1, contentKey)).stream().findFirst();
    }

    public synchronized Optional<JournalEntry> get(String inferenceId) {
        return query("SELECT " + COLUMNS + " FROM batches WHERE inference_id = ?",
                ps -> ps.setString(1, inferenceId)).stream().findFirst();
    }

    /** Records a batch about to be invoked (replacing an earlier record of the same InferenceId). */
    public synchronized void submitting(JournalEntry e) {
        update("INSERT OR REPLACE INTO batches (" + COLUMNS + ", updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", ps -> {
            ps.setString(1, e.inferenceId());
            ps.setString(2, e.contentKey());
            ps.setInt(3, e.generation());
            ps.setString(4, e.endpointName());
            ps.setString(5, e.inputLocation());
            ps.setString(6, e.outputLocation());
            ps.setString(7, e.failureLocation());
            ps.setInt(8, e.firstRow());
            ps.setInt(9, e.rowCount());
            ps.setLong(10, e.submittedAt().toEpochMilli());
            ps.setString(11, JournalState.SUBMITTING.name());
            ps.setString(12, null);
            ps.setString(13, null);
            ps.setString(14, e.owner());
            ps.setLong(15, System.currentTimeMillis());
        });
    }

    /** Records the locations InvokeEndpointAsync returned. */
    public synchronized void submitted(String inferenceId, String outputLocation, @Nullable String failureLocation) {
        update("UPDATE batches SET state = ?, output_location = ?, failure_location = ?, updated_at = ? WHERE inference_id = ?", ps -> {
            ps.setString(1, JournalState.SUBMITTED.name());
            ps.setString(2, outputLocation);
            ps.setString(3, failureLocation);
            ps.setLong(4, System.currentTimeMillis());
            ps.setString(5, inferenceId);
        });
    }

    /**
     * A run that waits for a batch invoked by a run that died takes it over: the journal then names a live owner,
     * so a purge of abandoned batches leaves it alone.
     */
    public synchronized void adopted(String inferenceId, String owner) {
        update("UPDATE batches SET owner = ?, updated_at = ? WHERE inference_id = ?", ps -> {
            ps.setString(1, owner);
            ps.setLong(2, System.currentTimeMillis());
            ps.setString(3, inferenceId);
        });
    }

    /** Open batches (submitting or submitted, any owner) of one endpoint. */
    public synchronized List<JournalEntry> open(String endpointName) {
        return query("SELECT " + COLUMNS + " FROM batches WHERE endpoint = ? AND state IN ('SUBMITTING','SUBMITTED') "
                + "ORDER BY submitted_at, first_row", ps -> ps.setString(1, endpointName));
    }

    /** Keeps the collected rows (CSV) so they survive a crash before the job hands them out. */
    public synchronized void collected(String inferenceId, String resultCsv) {
        setState(inferenceId, JournalState.COLLECTED, null, resultCsv);
    }

    public synchronized void failed(String inferenceId, String error) {
        setState(inferenceId, JournalState.FAILED, error, null);
    }

    public synchronized void cancelled(Collection<String> inferenceIds) {
        for (String id : inferenceIds) {
            update("UPDATE batches SET state = ?, result = NULL, updated_at = ? WHERE inference_id = ? AND state IN ('SUBMITTING','SUBMITTED')", ps -> {
                ps.setString(1, JournalState.CANCELLED.name());
                ps.setLong(2, System.currentTimeMillis());
                ps.setString(3, id);
            });
        }
    }

    /** Drops the kept rows once the job that collected them has delivered its result. */
    public synchronized void released(Collection<String> inferenceIds) {
        inTransaction(() -> {
            for (String id : inferenceIds) {
                update("UPDATE batches SET result = NULL WHERE inference_id = ? AND result IS NOT NULL",
                        ps -> ps.setString(1, id));
            }
        });
    }

    /** Batches submitted (by any process) whose output or failure has not been read yet. */
    public synchronized List<JournalBatch> uncollected() {
        List<JournalBatch> out = new ArrayList<>();
        for (JournalEntry e : query("SELECT " + COLUMNS + " FROM batches WHERE state IN ('SUBMITTING','SUBMITTED') "
                + "ORDER BY submitted_at, first_row", ps -> {})) {
            out.add(new JournalBatch(e.endpointName(), e.inferenceId(), e.inputLocation(),
                    e.outputLocation() == null ? "" : e.outputLocation(), e.failureLocation(), e.submittedAt(),
                    e.state().name()));
        }
        return out;
    }

    /** Forgets finished batches older than {@code age} (open ones are kept whatever their age). */
    public synchronized int purge(Duration age) {
        long cutoff = System.currentTimeMillis() - age.toMillis();
        int[] n = new int[1];
        update("DELETE FROM batches WHERE state NOT IN ('SUBMITTING','SUBMITTED') AND updated_at < ?", ps -> {
            ps.setLong(1, cutoff);
        }, count -> n[0] = count);
        return n[0];
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new WorkbenchException("Cannot close the async journal " + file + ": " + e.getMessage(), e);
        }
    }

    private void setState(String inferenceId, JournalState state, @Nullable String error, @Nullable String result) {
        update("UPDATE batches SET state = ?, error = ?, result = ?, updated_at = ? WHERE inference_id = ?", ps -> {
            ps.setString(1, state.name());
            ps.setString(2, error);
            ps.setString(3, result);
            ps.setLong(4, System.currentTimeMillis());
            ps.setString(5, inferenceId);
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Counted {
        void rows(int count);
    }

    private interface Work {
        void run();
    }

    private void inTransaction(Work work) {
        try {
            db.setAutoCommit(false);
            try {
                work.run();
                db.commit();
            } catch (RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void update(String sql, Binder binder) {
        update(sql, binder, n -> {});
    }

    private void update(String sql, Binder binder, Counted counted) {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            binder.bind(ps);
            counted.rows(ps.executeUpdate());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private List<JournalEntry> query(String sql, Binder binder) {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            binder.bind(ps);
            List<JournalEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new JournalEntry(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9),
                            Instant.ofEpochMilli(rs.getLong(10)), JournalState.valueOf(rs.getString(11)),
                            rs.getString(12), rs.getString(13), rs.getString(14)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private WorkbenchException failure(SQLException e) {
        return new WorkbenchException("Async journal " + file + ": " + e.getMessage(), e);
    }
}
