package dev.workbench.console.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.BatchResult;
import dev.workbench.api.Frame;
import dev.workbench.console.service.ConnectionService;
import dev.workbench.console.service.InferenceService;
import dev.workbench.console.task.ImmediateTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed rows told apart by core's own wording, and the retry question built from them. */
class FailureKindTest {
  @TempDir
  Path dir;

  @Test
  void coresTransientWordingsAreTransient() {
    for (String error : new String[] {
        "No answer within the invocation timeout of 60 s",
        "No result within the invocation timeout (3600 s) after the endpoint could start on it",
        "failed after 5 attempts: Rate exceeded",
        "Your invocation timed out while waiting for a response from container primary",
        "The invocation failed (its failure message could not be read: Connection reset)",
        "Could not read the output s3://b/k.out: Service Unavailable",
        "The bucket wb-out that was to receive the result of rows 0..99 is gone",
        "its lease holder host-1 stopped"}) {
      assertEquals(FailureKind.TRANSIENT, FailureKind.of(error), error);
    }
  }

  @Test
  void theModelsOwnErrorsAndTheAnswerChecksAreDeterministic() {
    for (String error : new String[] {
        "row 3 failed in the model (injected fault): m3,CCO",
        "could not parse SMILES '[Xx]C'",
        "The endpoint answered 2 rows for 3 rows sent",
        "The endpoint answered HTML or XML instead of CSV: <html>",
        "The answer's rows do not match the input: answer row 2 of 3 has id 'm9' where 'm1' was sent",
        "row 7 is 7000000 bytes as CSV, over the 6291456-byte InvokeEndpoint payload limit"}) {
      assertEquals(FailureKind.DETERMINISTIC, FailureKind.of(error), error);
    }
  }

  @Test
  void theRetryQuestionCountsBothKindsFromTheResults() throws Exception {
    Path f = dir.resolve("in.csv");
    Files.writeString(f, "id\nm0\nm1\nm2\nm3\n");
    InferenceViewModel vm = new InferenceViewModel(new InferenceService(new ConnectionService()),
        new ImmediateTaskExecutor(), new LogViewModel());
    vm.open(f);
    vm.addBatch(new BatchResult(0, Frame.builder("id", "out", Frame.ERROR_COLUMN)
        .row("m0", null, "No answer within the invocation timeout of 60 s")
        .row("m1", "1", null)
        .row("m2", null, "could not parse SMILES 'm2'")
        .row("m3", null, "failed after 5 attempts: Rate exceeded").build()), i -> i);
    RetryPlan plan = vm.retryPlan();
    assertEquals(new RetryPlan(2, 1), plan);
    assertEquals(3, plan.total());
    assertTrue(plan.describe().startsWith("2 rows failed transiently"), plan.describe());
    assertTrue(plan.describe().contains("1 row the model refused"), plan.describe());
  }
}
