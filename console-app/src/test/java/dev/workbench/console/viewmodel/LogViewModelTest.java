package dev.workbench.console.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Errors become log lines and notifications; the same failure repeating is one line and one notification. */
class LogViewModelTest {
  private final LogViewModel log = new LogViewModel();

  @Test
  void anErrorKeepsItsFullTextAndBecomesTheLastError() {
    log.error("listing endpoints", new CompletionException(new ConnectException("Connection refused")));
    LogEntry e = log.lastErrorProperty().get();
    assertEquals("listing endpoints failed: Connection refused", e.message());
    assertTrue(e.detail().contains("java.net.ConnectException"), e::detail);
  }

  @Test
  void theSameFailureRepeatingIsCountedOnOneLineAndNotifiedOnce() {
    List<LogEntry> notified = new ArrayList<>();
    log.lastErrorProperty().addListener((o, was, now) -> notified.add(now));
    for (int i = 0; i < 5; i++) {
      // the SDK's attempt count varies from one failure to the next: still the same failure
      log.error("listing endpoints", new ConnectException("Connection refused" + (i % 2 == 0 ? "" : " (SDK Attempt Count: " + i + ")")));
    }
    log.info("connected: somewhere else");
    log.error("listing batches", new ConnectException("Connection refused"));
    log.error("listing endpoints", new ConnectException("Connection refused"));

    assertEquals(3, log.entries().size(), () -> log.entries().toString());
    assertEquals(5, log.entries().get(0).repeats(), "six failures of one kind, one line");
    assertTrue(log.entries().get(0).line().endsWith("listing endpoints failed: Connection refused  (6 times)"),
        log.entries().get(0)::line);
    assertEquals(List.of("listing endpoints failed: Connection refused", "listing batches failed: Connection refused"),
        notified.stream().map(LogEntry::message).toList());
    assertSame(notified.get(1), log.lastErrorProperty().get());
  }
}
