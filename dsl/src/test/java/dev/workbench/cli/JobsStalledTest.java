package dev.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.workbench.api.JournalBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `workbench jobs` marks the journal's batches waiting far longer than their peers on the same endpoint. */
class JobsStalledTest {
    private static JournalBatch batch(String endpoint, String id, Duration age) {
        return new JournalBatch(endpoint, id, "s3://b/in/" + id, "s3://b/out/" + id + ".out", null,
                Instant.now().minus(age), "SUBMITTED");
    }

    private static List<String> stalled(List<JournalBatch> all) {
        List<String> out = new ArrayList<>();
        for (JournalBatch b : all) {
            if (JobsCommand.stalled(b, all)) {
                out.add(b.inferenceId());
            }
        }
        return out;
    }

    @Test
    void aBatchWaitingFiveTimesLongerThanItsPeersForOverAMinuteIsMarked() {
        List<JournalBatch> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(batch("shapes", "wb-" + i, Duration.ofSeconds(20)));
        }
        all.add(batch("shapes", "wb-old", Duration.ofMinutes(10)));
        all.add(batch("other", "wb-alone", Duration.ofMinutes(10))); // nobody on its endpoint to compare with
        assertEquals(List.of("wb-old"), stalled(all));
    }

    @Test
    void slowButEvenBatchesAreNotMarked() {
        List<JournalBatch> all = List.of(batch("slow", "wb-a", Duration.ofMinutes(20)),
                batch("slow", "wb-b", Duration.ofMinutes(25)), batch("slow", "wb-c", Duration.ofMinutes(30)));
        assertEquals(List.of(), stalled(all), "a slow model's batches all wait long: none stands out");
    }

    @Test
    void aYoungOutlierIsNotMarkedBeforeAMinute() {
        List<JournalBatch> all = List.of(batch("fast", "wb-a", Duration.ofSeconds(2)),
                batch("fast", "wb-b", Duration.ofSeconds(2)), batch("fast", "wb-c", Duration.ofSeconds(50)));
        assertEquals(List.of(), stalled(all));
    }
}
