package dev.workbench.console.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Notification text: long messages wrap into a few readable lines; Details keeps the full text. */
class NotificationTextTest {
  @Test
  void aShortMessageStaysAsItIs() {
    assertEquals("deploying m failed: no such model", ConsoleView.wrapped("deploying m failed: no such model", 70, 4));
  }

  @Test
  void aLongMessageWrapsAtWordsAndStopsAfterTheLastLine() {
    String message = "listing endpoints failed: Unable to execute HTTP request: Connect to 127.0.0.1:9 [/127.0.0.1] "
        + "failed: Connection refused (SDK Attempt Count: 4) " + "and then a lot more text ".repeat(20);
    String text = ConsoleView.wrapped(message, 70, 4);
    String[] lines = text.split("\n");
    assertEquals(4, lines.length, text);
    for (String line : lines) {
      assertTrue(line.length() <= 74, line);
    }
    assertTrue(lines[0].startsWith("listing endpoints failed: Unable to execute HTTP request:"), lines[0]);
    assertTrue(text.endsWith(" ..."), text);
  }

  @Test
  void aSingleHugeWordIsCut() {
    String text = ConsoleView.wrapped("x".repeat(500), 70, 4);
    assertEquals(70, text.length());
  }
}
