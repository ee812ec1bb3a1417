package dev.workbench.local.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SQLite file in WAL mode with full sync, so a write is on disk when the call returns.
 * A single connection behind a lock: the emulator's write rate is small and SQLite serialises writers anyway.
 */
public final class SqliteDatabase implements AutoCloseable {

    /** Work done with the connection; SQL errors become {@link IllegalStateException}s at the boundary. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private SqliteDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    public static SqliteDatabase open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=FULL");
                statement.execute("PRAGMA busy_timeout=5000");
            }
            return new SqliteDatabase(file, connection);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory of " + file, e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open SQLite database " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public <T> T read(SqlWork<T> work) {
        lock.lock();
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("SQLite error on " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs the work in one transaction: all of it is stored or none. */
    public <T> T write(SqlWork<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQLite error on " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    public void execute(String sql) {
        write(c -> {
            try (Statement statement = c.createStatement()) {
                statement.execute(sql);
            }
            return null;
        });
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot close " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
