package dev.workbench.local.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.spi.StateStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Control-plane documents as JSON text in one SQLite table, keyed by (kind, id). */
public final class SqliteStateStore implements StateStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqliteDatabase db;

    public SqliteStateStore(SqliteDatabase db) {
        this.db = db;
        // seq keeps "the order they were first put": an update keeps the original seq.
        db.execute("CREATE TABLE IF NOT EXISTS documents (kind TEXT NOT NULL, id TEXT NOT NULL,"
                + " seq INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, id))");
    }

    @Override
    public void put(String kind, String id, ObjectNode document) {
        String body = toText(document);
        db.write(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE documents SET body = ? WHERE kind = ? AND id = ?")) {
                update.setString(1, body);
                update.setString(2, kind);
                update.setString(3, id);
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO documents (kind, id, seq, body) VALUES (?, ?,"
                    + " (SELECT COALESCE(MAX(seq), 0) + 1 FROM documents), ?)")) {
                insert.setString(1, kind);
                insert.setString(2, id);
                insert.setString(3, body);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<ObjectNode> get(String kind, String id) {
        String body = db.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT body FROM documents WHERE kind = ? AND id = ?")) {
                select.setString(1, kind);
                select.setString(2, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            }
        });
        return body == null ? Optional.empty() : Optional.of(parse(body));
    }

    @Override
    public List<ObjectNode> list(String kind) {
        List<String> bodies = db.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT body FROM documents WHERE kind = ? ORDER BY seq")) {
                select.setString(1, kind);
                try (ResultSet rows = select.executeQuery()) {
                    List<String> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(rows.getString(1));
                    }
                    return out;
                }
            }
        });
        List<ObjectNode> documents = new ArrayList<>(bodies.size());
        for (String body : bodies) {
            documents.add(parse(body));
        }
        return documents;
    }

    @Override
    public boolean delete(String kind, String id) {
        return db.write(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM documents WHERE kind = ? AND id = ?")) {
                delete.setString(1, kind);
                delete.setString(2, id);
                return delete.executeUpdate() > 0;
            }
        });
    }

    private static String toText(ObjectNode document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Document cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ObjectNode parse(String body) {
        try {
            return (ObjectNode) JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored document is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
