package dev.workbench.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.JournalBatch;
import java.nio.file.Path;
import java.time.Instant;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    private static JournalEntry entry(String id, String key, int generation) {
        return new JournalEntry(id, key, generation, "ep", "s3://b/endpoints/ep/async-input/" + id + ".csv",
                null, null, 0, 10, Instant.parse("2026-01-01T00:00:00Z"), JournalState.SUBMITTING, null, null, "test-owner");
    }

    @Test
    void batchesSurviveReopeningAndOnlyOpenOnesAreUncollected(@TempDir Path dir) {
        Path file = dir.resolve("sub/journal.db");
        try (Journal j = Journal.open(file)) {
            j.submitting(entry("wb-a", "k1", 0));
            j.submitted("wb-a", "s3://b/out/wb-a.out", "s3://b/fail/wb-a-error.out");
            j.submitting(entry("wb-b", "k2", 0));
            j.submitted("wb-b", "s3://b/out/wb-b.out", null);
            j.collected("wb-b", "x\n1\n");
            j.submitting(entry("wb-c", "k3", 0));
        }
        try (Journal j = Journal.open(file)) {
            List<JournalBatch> open = j.uncollected();
            assertEquals(List.of("wb-a", "wb-c"), open.stream().map(JournalBatch::inferenceId).sorted().toList());
            JournalBatch a = open.stream().filter(b -> b.inferenceId().equals("wb-a")).findFirst().orElseThrow();
            assertEquals("s3://b/out/wb-a.out", a.outputLocation());
            assertEquals("s3://b/fail/wb-a-error.out", a.failureLocation());
            assertEquals("SUBMITTED", a.state());

            JournalEntry b = j.latest("k2").orElseThrow();
            assertEquals(JournalState.COLLECTED, b.state());
            assertEquals("x\n1\n", b.result());
            j.released(List.of("wb-b"));
            assertNull(j.latest("k2").orElseThrow().result());

            j.cancelled(List.of("wb-c"));
            assertEquals(List.of("wb-a"), j.uncollected().stream().map(JournalBatch::inferenceId).toList());
        }
    }

    @Test
    void latestIsTheHighestGenerationOfTheContent(@TempDir Path dir) {
        try (Journal j = Journal.open(dir.resolve("journal.db"))) {
            j.submitting(entry("wb-g0", "same", 0));
            j.failed("wb-g0", "boom");
            j.submitting(entry("wb-g1", "same", 1));
            JournalEntry e = j.latest("same").orElseThrow();
            assertEquals("wb-g1", e.inferenceId());
            assertEquals(1, e.generation());
            assertEquals("boom", j.get("wb-g0").orElseThrow().error());
            assertTrue(j.latest("other").isEmpty());
        }
    }

    @Test
    void aJournalWrittenBeforeOwnersGetsTheColumnAndKeepsItsBatches(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("journal.db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = db.createStatement()) {
            s.execute("CREATE TABLE batches (inference_id TEXT PRIMARY KEY, content_key TEXT NOT NULL, generation INTEGER NOT NULL, "
                    + "endpoint TEXT NOT NULL, input_location TEXT NOT NULL, output_location TEXT, failure_location TEXT, "
                    + "first_row INTEGER NOT NULL, row_count INTEGER NOT NULL, submitted_at INTEGER NOT NULL, "
                    + "state TEXT NOT NULL, error TEXT, result TEXT, updated_at INTEGER NOT NULL)");
            s.execute("INSERT INTO batches VALUES ('wb-old','k',0,'ep','s3://b/in.csv','s3://b/out.out',NULL,0,10,0,'SUBMITTED',NULL,NULL,0)");
        }
        try (Journal j = Journal.open(file)) {
            JournalEntry old = j.get("wb-old").orElseThrow();
            assertEquals(JournalState.SUBMITTED, old.state());
            assertNull(old.owner(), "nobody known is working on a batch recorded before owners");
            j.submitting(entry("wb-new", "k2", 0));
            assertEquals("test-owner", j.get("wb-new").orElseThrow().owner());
        }
        try (Journal j = Journal.open(file)) {
            assertEquals(2, j.uncollected().size(), "opened again: the column is there once");
        }
    }
}
