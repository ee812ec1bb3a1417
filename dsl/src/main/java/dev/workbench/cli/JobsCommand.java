package dev.workbench.cli;

import dev.workbench.api.InferenceJob;
import dev.workbench.api.InferenceProgress;
import dev.workbench.api.JournalBatch;
import dev.workbench.dsl.Workbench;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code workbench jobs}: async batches in the journal not collected yet (a re-run of infer resumes them). */
@Command(name = "jobs", mixinStandardHelpOptions = true,
    description = "List inference work in flight: jobs of this process and async batches in the journal not collected yet.",
    footerHeading = "%nExamples:%n", footer = {"  workbench jobs --local", "  workbench jobs --output json"})
final class JobsCommand extends ConnectedCommand {
  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json.") Output.Format format;

  @Override
  int run(Workbench wb) {
    List<InferenceJob> jobs = wb.jobs();
    List<JournalBatch> batches = wb.journalBatches();
    if (format == Output.Format.json) {
      List<Map<String, Object>> jobList = new ArrayList<>();
      for (InferenceJob j : jobs) {
        InferenceProgress p = j.progress();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("endpoint", j.endpointName());
        m.put("async", j.isAsync());
        m.put("totalRows", p.totalRows());
        m.put("rowsDone", p.rowsDone());
        m.put("rowsFailed", p.rowsFailed());
        m.put("rowsInFlight", p.rowsInFlight());
        m.put("batchesStalled", p.batchesStalled());
        jobList.add(m);
      }
      List<Map<String, Object>> batchList = new ArrayList<>();
      for (JournalBatch b : batches) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("endpoint", b.endpointName());
        m.put("inferenceId", b.inferenceId());
        m.put("state", b.state());
        m.put("inputLocation", b.inputLocation());
        m.put("outputLocation", b.outputLocation());
        m.put("submittedAt", b.submittedAt().toString());
        m.put("stalled", stalled(b, batches));
        batchList.add(m);
      }
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("jobs", jobList);
      all.put("journalBatches", batchList);
      Output.json(out(), all);
      return ExitCodes.OK;
    }
    if (jobs.isEmpty() && batches.isEmpty()) {
      out().println("no jobs in flight and no uncollected async batches in the journal (" + wb.cloud().dataDir() + ")");
      out().flush();
      return ExitCodes.OK;
    }
    if (!jobs.isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      for (InferenceJob j : jobs) {
        InferenceProgress p = j.progress();
        rows.add(List.of(j.id(), j.endpointName(), p.rowsDone() + "/" + p.totalRows(), String.valueOf(p.rowsFailed()),
            String.valueOf(p.batchesStalled())));
      }
      Output.table(out(), List.of("JOB", "ENDPOINT", "ROWS", "FAILED", "STALLED"), rows);
    }
    if (!batches.isEmpty()) {
      List<List<String>> rows = new ArrayList<>();
      for (JournalBatch b : batches) {
        rows.add(List.of(b.endpointName(), b.inferenceId(), b.state(), b.submittedAt().toString(),
            stalled(b, batches) ? "waiting far longer than its peers" : ""));
      }
      Output.table(out(), List.of("ENDPOINT", "INFERENCE ID", "STATE", "SUBMITTED", "NOTE"), rows);
    }
    return ExitCodes.OK;
  }

  /**
   * Open for over a minute and over five times the median time the endpoint's open batches have been waiting:
   * its output may have been deleted (the run waiting for it gives up on it after a bounded time).
   */
  static boolean stalled(JournalBatch b, List<JournalBatch> all) {
    Instant now = Instant.now();
    List<Long> ages = new ArrayList<>();
    for (JournalBatch o : all) {
      if (o.endpointName().equals(b.endpointName())) {
        ages.add(Duration.between(o.submittedAt(), now).toMillis());
      }
    }
    ages.sort(null);
    long median = ages.get(ages.size() / 2);
    long age = Duration.between(b.submittedAt(), now).toMillis();
    return ages.size() > 1 && age > 60_000 && age > 5 * median;
  }
}
