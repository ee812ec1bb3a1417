package dev.workbench.local.models;

import static dev.workbench.local.models.ModelCalls.call;
import static dev.workbench.local.models.ModelCalls.cell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.local.model.ModelFailure;
import dev.workbench.local.model.ModelInstance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyModelTest {

    @Test
    void echoesEveryRowInOrderAfterTheConfiguredDelayPerRow() {
        ModelInstance model = ModelCalls.load("latency", Map.of("LATENCY_MS_PER_ROW", "50"));
        long start = System.nanoTime();
        CsvTable out = call(model, "id,text\n1,a\n2,\"b, with comma\"\n3,\"multi\nline\"\n4,d\n");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMs >= 200, "4 rows x 50 ms took only " + elapsedMs + " ms");
        assertEquals(List.of("id", "text", "latency_ms", "inference_error"), out.header());
        assertEquals(List.of(List.of("1", "a", "50", ""), List.of("2", "b, with comma", "50", ""),
                List.of("3", "multi\nline", "50", ""), List.of("4", "d", "50", "")), out.rows());
    }

    @Test
    void theDefaultDelayIsTwentyMillisecondsPerRow() {
        CsvTable out = call(ModelCalls.load("latency", Map.of()), "x\n1\n");
        assertEquals("20", cell(out, 0, "latency_ms"));
    }

    @Test
    void failOnFailsTheWholeInvocationNamingTheRow() {
        ModelInstance model = ModelCalls.load("latency", Map.of("LATENCY_MS_PER_ROW", "0", "FAIL_ON", "BAD"));
        assertEquals(3, call(model, "id,v\n1,ok\n2,BADGE\n3,bad\n").rows().size());

        ModelFailure failure = assertThrows(ModelFailure.class, () -> call(model, "id,v\n1,ok\n2,fine\n3,BAD\n4,ok\n"));
        assertEquals(400, failure.statusCode());
        assertTrue(failure.getMessage().contains("row 3"), failure.getMessage());
        assertTrue(failure.getMessage().contains("'BAD'"), failure.getMessage());
    }

    @Test
    void aHundredThousandRowsGoThroughQuickly() {
        ModelInstance model = ModelCalls.load("latency", Map.of("LATENCY_MS_PER_ROW", "0"));
        StringBuilder csv = new StringBuilder("id,smiles\n");
        for (int i = 0; i < 100_000; i++) {
            csv.append(i).append(",CCO\n");
        }
        long start = System.nanoTime();
        CsvTable out = call(model, csv.toString());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(100_000, out.rows().size());
        assertEquals("99999", out.rows().get(99_999).get(0));
        assertTrue(elapsedMs < 5_000, "100,000 rows took " + elapsedMs + " ms");
    }

    @Test
    void badSettingsAndBadBodiesAreClearFailures() {
        ModelFailure setting = assertThrows(ModelFailure.class,
                () -> ModelCalls.load("latency", Map.of("LATENCY_MS_PER_ROW", "fast")));
        assertTrue(setting.getMessage().contains("LATENCY_MS_PER_ROW"), setting.getMessage());

        ModelInstance model = ModelCalls.load("latency", Map.of("LATENCY_MS_PER_ROW", "0"));
        ModelFailure empty = assertThrows(ModelFailure.class, () -> call(model, ""));
        assertEquals(400, empty.statusCode());
        ModelFailure ragged = assertThrows(ModelFailure.class, () -> call(model, "a,b\n1,2\n3\n"));
        assertEquals(400, ragged.statusCode());
        assertTrue(ragged.getMessage().contains("data row 2"), ragged.getMessage());
    }
}
