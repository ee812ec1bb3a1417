package dev.workbench.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Frame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a user is promised about a model's answer, checked on answers as misbehaving models write them. */
class AnswerCheckTest {
  private static final Frame SENT = Frame.builder("id", "smiles", "dose")
      .row("007", "CCO", "1.50")
      .row("008", "c1ccccc1", "2")
      .row("009", "O", "")
      .build();

  private final AnswerCheck check = new AnswerCheck();

  private Answer answer(Frame sent, String body) {
    return check.check(sent, body.getBytes(StandardCharsets.UTF_8), "the answer");
  }

  private static String reason(Answer a) {
    return assertInstanceOf(Answer.Refused.class, a).reason();
  }

  private static Frame rows(Answer a) {
    return assertInstanceOf(Answer.Accepted.class, a).rows();
  }

  @Test
  void anEchoingAnswerIsAcceptedWithTheInputValuesAsSent() {
    // pandas-style formatting of echoes: 7 for 007, 1.5 for 1.50, nan for a missing value.
    Frame out = rows(answer(SENT, "id,smiles,dose,score,inference_error\n7,CCO,1.5,3,\n8,c1ccccc1,2.0,8,\n9,O,nan,1,\n"));
    assertEquals(List.of("id", "smiles", "dose", "score", "inference_error"), out.columns());
    assertEquals(List.of("007", "008", "009"), out.column("id"));
    assertEquals("1.50", out.get(0, "dose"));
    assertEquals(List.of("3", "8", "1"), out.column("score"));
    assertEquals(0, out.errorCount());
  }

  @Test
  void reversedAndRotatedRowsAreRefusedNamingTheMismatch() {
    String reversed = reason(answer(SENT, "id,smiles,dose,score\n009,O,,1\n008,c1ccccc1,2,8\n007,CCO,1.50,3\n"));
    assertTrue(reversed.contains("rows do not match the input") && reversed.contains("row 1"), reversed);
    String rotated = reason(answer(SENT, "id,smiles,dose,score\n008,c1ccccc1,2,8\n009,O,,1\n007,CCO,1.50,3\n"));
    assertTrue(rotated.contains("rows do not match the input"), rotated);
  }

  @Test
  void aWrongRowCountIsRefused() {
    assertEquals("The endpoint answered 2 rows for the 3 sent",
        reason(answer(SENT, "id,smiles,dose,score\n007,CCO,1.50,3\n008,c1ccccc1,2,8\n")));
    assertEquals("The endpoint answered 4 rows for the 3 sent",
        reason(answer(SENT, "id,smiles,dose,score\n007,CCO,1.50,3\n008,c1ccccc1,2,8\n009,O,,1\n010,N,,1\n")));
  }

  @Test
  void bytesThatAreNotUtf8AreRefused() {
    byte[] body = "id,smiles,dose,score\n007,CCO,1.50,3\n008,c1ccccc1,2,\u00ff\n009,O,,1\n".getBytes(StandardCharsets.ISO_8859_1);
    String why = reason(check.check(SENT, body, "the answer"));
    assertTrue(why.contains("not valid UTF-8") && why.contains("0xFF"), why);
  }

  @Test
  void garbageAnswersAreRefusedWithWhatIsWrong() {
    assertTrue(reason(answer(SENT, "")).contains("empty body"));
    assertTrue(reason(answer(SENT, " \n")).contains("empty body"));
    assertTrue(reason(answer(SENT, "<html><body>502 Bad Gateway</body></html>")).contains("HTML"));
    String ragged = reason(answer(SENT, "id,smiles\n007,CCO,1.50,3\n008,c1ccccc1,2,8\n009,O,,1\n"));
    assertTrue(ragged.contains("has 4 fields, expected 2 as in the header (id, smiles)"), ragged);
    String quote = reason(answer(SENT, "id,smiles,dose\n007,\"CCO,1.50\n"));
    assertTrue(quote.contains("malformed CSV"), quote);
    String blank = reason(answer(SENT, "id,,dose\n007,x,1\n008,y,2\n009,z,3\n"));
    assertTrue(blank.contains("blank column name at position 2"), blank);
  }

  @Test
  void anAnswerThatEchoesNothingIsMatchedByPositionAndKeepsTheInputColumns() {
    Frame out = rows(answer(SENT, "score\n3\n8\n1\n"));
    assertEquals(List.of("id", "smiles", "dose", "score", "inference_error"), out.columns());
    assertEquals(List.of("007", "008", "009"), out.column("id"));
    assertEquals(List.of("3", "8", "1"), out.column("score"));
  }

  @Test
  void aRepeatedNameIsTheEchoThenTheModelsNewValue() {
    Frame rerun = Frame.builder("smiles", "mw").row("CCO", "1.0").row("O", "2.0").build();
    Frame out = rows(answer(rerun, "smiles,mw,mw,inference_error\nCCO,1.0,46.07,\nO,2.0,18.02,\n"));
    assertEquals(List.of("smiles", "mw", "inference_error"), out.columns());
    assertEquals(List.of("46.07", "18.02"), out.column("mw"));
    // The echo of a repeated name is still checked.
    assertTrue(reason(answer(rerun, "smiles,mw,mw\nCCO,2.0,46.07\nO,1.0,18.02\n")).contains("do not match"));
  }

  @Test
  void aColumnTheModelRewritesInPlaceIsLearnedFromOneRowAndNotCheckedAfter() {
    Frame rerun = Frame.builder("smiles", "mw").row("CCO", "1.0").row("O", "2.0").build();
    // Two rows whose mw the model replaced: cannot tell from a reordering, so refused...
    assertTrue(reason(answer(rerun, "smiles,mw\nCCO,46.07\nO,18.02\n")).contains("do not match"));
    // ...one row cannot be out of order: mw is the model's...
    assertEquals(List.of("46.07"), rows(answer(rerun.slice(0, 1), "smiles,mw\nCCO,46.07\n")).column("mw"));
    // ...and from then on the model's value is taken, while smiles is still checked.
    assertEquals(List.of("46.07", "18.02"), rows(answer(rerun, "smiles,mw\nCCO,46.07\nO,18.02\n")).column("mw"));
    assertTrue(reason(answer(rerun, "smiles,mw\nO,18.02\nCCO,46.07\n")).contains("smiles"));
  }

  @Test
  void theModelsRowErrorsAreKeptAndAnEmptyOneMeansSuccess() {
    Frame out = rows(answer(SENT, "id,smiles,dose,score,inference_error\n007,CCO,1.50,3,\n008,c1ccccc1,2,,bad ring\n009,O,,1,\n"));
    assertEquals(Arrays.asList(null, "bad ring", null), out.column("inference_error"));
    assertNull(out.get(0, "inference_error"));
  }

  @Test
  void textEchoesMustMatchExactly() {
    assertTrue(reason(answer(SENT, "id,smiles,dose,score\n007,cco,1.50,3\n008,c1ccccc1,2,8\n009,O,,1\n")).contains("smiles = 'cco'"));
    assertTrue(reason(answer(SENT, "id,smiles,dose,score\n007,CCO,1.50,3\n008,c1ccccc1,2,8\n009,O,abc,1\n")).contains("dose"));
  }
}
