package dev.workbench.local.logs;

import dev.workbench.local.http.AwsException;
import dev.workbench.local.spi.LogSink;
import dev.workbench.local.state.SqliteDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Log groups, streams and events in SQLite. Writers' lines are queued and stored in one transaction per flush
 * (every read flushes first, and a timer flushes the rest), so a model printing thousands of lines costs a few
 * durable writes, and a reader always sees every line written before its call.
 */
public final class LogStore implements LogSink {

    /** CloudWatch Logs' limit on one event (256 KB); longer lines are cut there. */
    static final int MAX_MESSAGE_BYTES = 256 * 1024;

    record Group(String name, long created, long storedBytes) {}

    record Stream(String name, long created, @Nullable Long firstEvent, @Nullable Long lastEvent, @Nullable Long lastIngestion,
                  long storedBytes) {}

    record Event(long id, String stream, long timestamp, long ingestion, String message) {}

    private record Pending(String group, String stream, long timestamp, String message) {}

    private final SqliteDatabase db;
    private final Clock clock;
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();

    public LogStore(SqliteDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
        db.execute("CREATE TABLE IF NOT EXISTS log_group (name TEXT PRIMARY KEY, created INTEGER NOT NULL)");
        db.execute("CREATE TABLE IF NOT EXISTS log_stream (grp TEXT NOT NULL, name TEXT NOT NULL, created INTEGER NOT NULL,"
                + " first_ts INTEGER, last_ts INTEGER, last_ingest INTEGER, bytes INTEGER NOT NULL DEFAULT 0,"
                + " PRIMARY KEY (grp, name))");
        db.execute("CREATE TABLE IF NOT EXISTS log_event (id INTEGER PRIMARY KEY AUTOINCREMENT, grp TEXT NOT NULL,"
                + " stream TEXT NOT NULL, ts INTEGER NOT NULL, ingest INTEGER NOT NULL, message TEXT NOT NULL)");
        db.execute("CREATE INDEX IF NOT EXISTS log_event_by_group_time ON log_event (grp, ts, id)");
        db.execute("CREATE INDEX IF NOT EXISTS log_event_by_stream ON log_event (grp, stream, id)");
    }

    /** A line from the emulator's own writers; its group and stream are created when missing. */
    @Override
    public void put(String logGroup, String logStream, Instant time, String message) {
        pending.add(new Pending(logGroup, logStream, time.toEpochMilli(), truncate(message)));
    }

    /** Stores every queued line. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> batch = new ArrayList<>();
        for (Pending p; (p = pending.poll()) != null; ) {
            batch.add(p);
        }
        long now = clock.millis();
        db.write(c -> {
            for (Pending p : batch) {
                ensure(c, p.group(), p.stream(), now);
                insert(c, p.group(), p.stream(), p.timestamp(), now, p.message());
            }
            return null;
        });
    }

    void createGroup(String name) {
        flush();
        db.write(c -> {
            if (groupExists(c, name)) {
                throw new AwsException(400, "ResourceAlreadyExistsException", "The specified log group already exists");
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO log_group (name, created) VALUES (?, ?)")) {
                s.setString(1, name);
                s.setLong(2, clock.millis());
                s.executeUpdate();
            }
            return null;
        });
    }

    void createStream(String group, String name) {
        flush();
        db.write(c -> {
            requireGroup(c, group);
            if (streamExists(c, group, name)) {
                throw new AwsException(400, "ResourceAlreadyExistsException", "The specified log stream already exists");
            }
            ensure(c, group, name, clock.millis());
            return null;
        });
    }

    void deleteGroup(String name) {
        flush();
        db.write(c -> {
            requireGroup(c, name);
            for (String table : List.of("log_event", "log_stream")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE grp = ?")) {
                    s.setString(1, name);
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM log_group WHERE name = ?")) {
                s.setString(1, name);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** PutLogEvents: the group and the stream must exist, as in CloudWatch Logs. */
    void putEvents(String group, String stream, List<Long> timestamps, List<String> messages) {
        flush();
        long now = clock.millis();
        db.write(c -> {
            requireGroup(c, group);
            if (!streamExists(c, group, stream)) {
                throw notFound("The specified log stream does not exist.");
            }
            for (int i = 0; i < timestamps.size(); i++) {
                insert(c, group, stream, timestamps.get(i), now, truncate(messages.get(i)));
            }
            return null;
        });
    }

    List<Group> groups(String prefix) {
        flush();
        return db.read(c -> {
            List<Group> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT g.name, g.created, COALESCE((SELECT SUM(bytes) FROM log_stream"
                    + " WHERE grp = g.name), 0) FROM log_group g WHERE substr(g.name, 1, ?) = ? ORDER BY g.name")) {
                s.setInt(1, prefix.length());
                s.setString(2, prefix);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Group(r.getString(1), r.getLong(2), r.getLong(3)));
                    }
                }
            }
            return out;
        });
    }

    /** The group's streams whose name starts with {@code prefix}, by name or by last event time. */
    List<Stream> streams(String group, String prefix, boolean byLastEvent, boolean descending) {
        flush();
        return db.read(c -> {
            requireGroup(c, group);
            String order = (byLastEvent ? "COALESCE(last_ts, 0)" : "name") + (descending ? " DESC" : " ASC") + ", name";
            List<Stream> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT name, created, first_ts, last_ts, last_ingest, bytes"
                    + " FROM log_stream WHERE grp = ? AND substr(name, 1, ?) = ? ORDER BY " + order)) {
                s.setString(1, group);
                s.setInt(2, prefix.length());
                s.setString(3, prefix);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Stream(r.getString(1), r.getLong(2), nullableLong(r, 3), nullableLong(r, 4),
                                nullableLong(r, 5), r.getLong(6)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * One stream's events in [from, to), in order. {@code after}/{@code before} are event ids (token positions);
     * without either, {@code fromHead} takes the first {@code limit} events, otherwise the last ones.
     */
    List<Event> streamEvents(String group, String stream, @Nullable Long from, @Nullable Long to, @Nullable Long after,
                             @Nullable Long before, boolean fromHead, int limit) {
        flush();
        return db.read(c -> {
            requireGroup(c, group);
            if (!streamExists(c, group, stream)) {
                throw notFound("The specified log stream does not exist.");
            }
            boolean tail = before != null || (after == null && !fromHead);
            String sql = "SELECT id, stream, ts, ingest, message FROM log_event WHERE grp = ? AND stream = ?"
                    + " AND ts >= ? AND ts < ? AND id > ? AND id < ? ORDER BY id " + (tail ? "DESC" : "ASC") + " LIMIT ?";
            List<Event> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, group);
                s.setString(2, stream);
                s.setLong(3, from == null ? Long.MIN_VALUE : from);
                s.setLong(4, to == null ? Long.MAX_VALUE : to);
                s.setLong(5, after == null ? Long.MIN_VALUE : after);
                s.setLong(6, before == null ? Long.MAX_VALUE : before);
                s.setInt(7, limit);
                readEvents(s, out);
            }
            if (tail) {
                java.util.Collections.reverse(out);
            }
            return out;
        });
    }

    /**
     * The group's events in [from, to) in time order after the position ({@code afterTs}, {@code afterId}), in the
     * given streams (empty: all) or streams with the prefix, that {@code matches} accepts; at most {@code limit}.
     */
    List<Event> filter(String group, List<String> streams, @Nullable String streamPrefix, @Nullable Long from, @Nullable Long to,
                       long afterTs, long afterId, Predicate<String> matches, int limit) {
        flush();
        return db.read(c -> {
            requireGroup(c, group);
            List<Event> out = new ArrayList<>();
            long ts = afterTs;
            long id = afterId;
            int page = 1000;
            while (out.size() < limit) {
                List<Event> rows = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT id, stream, ts, ingest, message FROM log_event"
                        + " WHERE grp = ? AND ts >= ? AND ts < ? AND (ts > ? OR (ts = ? AND id > ?)) ORDER BY ts, id LIMIT ?")) {
                    s.setString(1, group);
                    s.setLong(2, from == null ? Long.MIN_VALUE : from);
                    s.setLong(3, to == null ? Long.MAX_VALUE : to);
                    s.setLong(4, ts);
                    s.setLong(5, ts);
                    s.setLong(6, id);
                    s.setInt(7, page);
                    readEvents(s, rows);
                }
                for (Event e : rows) {
                    boolean inStreams = streams.isEmpty() ? streamPrefix == null || e.stream().startsWith(streamPrefix)
                            : streams.contains(e.stream());
                    if (inStreams && matches.test(e.message()) && out.size() < limit) {
                        out.add(e);
                    }
                    ts = e.timestamp();
                    id = e.id();
                    if (out.size() == limit) {
                        break;
                    }
                }
                if (rows.size() < page) {
                    break;
                }
            }
            return out;
        });
    }

    boolean hasStream(String group, String stream) {
        flush();
        return db.read(c -> streamExists(c, group, stream));
    }

    private static void readEvents(PreparedStatement s, List<Event> out) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new Event(r.getLong(1), r.getString(2), r.getLong(3), r.getLong(4), r.getString(5)));
            }
        }
    }

    private static void ensure(Connection c, String group, String stream, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO log_group (name, created) VALUES (?, ?)")) {
            s.setString(1, group);
            s.setLong(2, now);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO log_stream (grp, name, created) VALUES (?, ?, ?)")) {
            s.setString(1, group);
            s.setString(2, stream);
            s.setLong(3, now);
            s.executeUpdate();
        }
    }

    private static void insert(Connection c, String group, String stream, long ts, long now, String message) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO log_event (grp, stream, ts, ingest, message) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, group);
            s.setString(2, stream);
            s.setLong(3, ts);
            s.setLong(4, now);
            s.setString(5, message);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE log_stream SET first_ts = MIN(COALESCE(first_ts, ?), ?),"
                + " last_ts = MAX(COALESCE(last_ts, ?), ?), last_ingest = ?, bytes = bytes + ? WHERE grp = ? AND name = ?")) {
            s.setLong(1, ts);
            s.setLong(2, ts);
            s.setLong(3, ts);
            s.setLong(4, ts);
            s.setLong(5, now);
            s.setLong(6, message.getBytes(StandardCharsets.UTF_8).length);
            s.setString(7, group);
            s.setString(8, stream);
            s.executeUpdate();
        }
    }

    private static boolean groupExists(Connection c, String group) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM log_group WHERE name = ?")) {
            s.setString(1, group);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static boolean streamExists(Connection c, String group, String stream) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM log_stream WHERE grp = ? AND name = ?")) {
            s.setString(1, group);
            s.setString(2, stream);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static void requireGroup(Connection c, String group) throws SQLException {
        if (!groupExists(c, group)) {
            throw notFound("The specified log group does not exist.");
        }
    }

    static AwsException notFound(String message) {
        return new AwsException(400, "ResourceNotFoundException", message);
    }

    private static @Nullable Long nullableLong(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? null : v;
    }

    private static String truncate(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_MESSAGE_BYTES) {
            return message;
        }
        return new String(bytes, 0, MAX_MESSAGE_BYTES, StandardCharsets.UTF_8);
    }
}
