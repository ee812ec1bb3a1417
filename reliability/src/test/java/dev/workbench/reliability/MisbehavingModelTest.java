package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceFailedException;
import dev.workbench.api.Model;
import dev.workbench.cli.WorkbenchCli;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.spi.Timing;
import dev.workbench.reliability.MisbehavingModel.Mode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * A model server that misbehaves in every way a user's server may (served as a command image, so through the real
 * HTTP container contract), on a sync and on an async endpoint: N rows out in input order, each either right (its
 * input values and the model's score) or carrying a clear error saying what was wrong, never a moved row; and no S3
 * object left behind. The mode travels in the input's {@code mode} column, so one endpoint of each kind serves all.
 */
class MisbehavingModelTest {
    static final int ROWS = 30;
    static final int BATCH = 10;
    static final String VALUE = "poison";
    /** Rows holding the value: one in the first batch, one in the second, none in the third. */
    static final Set<Integer> HOLDING_VALUE = Set.of(4, 17);
    static final Duration INVOCATION_TIMEOUT = Duration.ofSeconds(3);
    static final long SLEEP_MS = 10_000;
    static final String SYNC = "misbehaving-sync";
    static final String ASYNC = "misbehaving-async";

    /** What the user must see for a mode. */
    enum Outcome {
        /** Every row right. */
        ALL_RIGHT,
        /** The rows holding the value carry an error; all others are right. */
        VALUE_ROWS_FAIL,
        /** Each row right or carrying an error; a moved row is the one thing that must never happen. */
        RIGHT_OR_ERROR,
        /** Every row carries an error (the whole answer is unusable, down to single rows). */
        ALL_FAIL
    }

    record Case(Mode mode, Outcome outcome, @Nullable Pattern error) {
        Case(Mode mode, Outcome outcome, String error) {
            this(mode, outcome, Pattern.compile(error, Pattern.CASE_INSENSITIVE));
        }

        @Override
        public String toString() {
            return mode.label();
        }
    }

    static final String COUNT = "rows?|match|hold|count|expected";
    static final List<Case> CASES = List.of(
            new Case(Mode.NORMAL, Outcome.ALL_RIGHT, (Pattern) null),
            new Case(Mode.EXTRA_COLUMNS, Outcome.ALL_RIGHT, (Pattern) null),
            new Case(Mode.NO_INPUT_COLUMNS, Outcome.ALL_RIGHT, (Pattern) null),
            new Case(Mode.DROP_VALUE, Outcome.VALUE_ROWS_FAIL, COUNT),
            new Case(Mode.FAIL_VALUE, Outcome.VALUE_ROWS_FAIL, "deliberate failure on a row holding 'poison'"),
            new Case(Mode.BAD_UTF8_VALUE, Outcome.VALUE_ROWS_FAIL, "utf-?8"),
            new Case(Mode.REVERSED, Outcome.RIGHT_OR_ERROR, "match|order|align|echo"),
            new Case(Mode.ROTATED, Outcome.RIGHT_OR_ERROR, "match|order|align|echo"),
            new Case(Mode.DROP_ROW, Outcome.ALL_FAIL, COUNT),
            new Case(Mode.EXTRA_ROW, Outcome.ALL_FAIL, COUNT),
            new Case(Mode.RAGGED_HEADER, Outcome.ALL_FAIL, "field|column|ragged|header|line \\d"),
            new Case(Mode.UNTERMINATED_QUOTE, Outcome.ALL_FAIL, "quote|unterminated"),
            new Case(Mode.EMPTY_BODY, Outcome.ALL_FAIL, "empty|no (data|rows|header|content)"),
            new Case(Mode.HTML, Outcome.ALL_FAIL, "html|csv|field|column|ragged|line \\d"),
            new Case(Mode.RANDOM_BYTES, Outcome.ALL_FAIL, "utf-?8|csv|field|column|quote|header"),
            // Last: its sleeping requests keep model threads busy for a while after the case is over.
            new Case(Mode.SLEEP_VALUE, Outcome.VALUE_ROWS_FAIL, "time[ds]? ?out"));

    @TempDir
    static Path dir;

    static LocalCloud lc;
    static Cloud cloud;
    static final List<String> summary = new ArrayList<>();

    @BeforeAll
    static void deploy() throws URISyntaxException {
        long seed = System.nanoTime() & 0xffffff;
        System.out.println("misbehaving model seed (random bytes) " + seed);
        lc = LocalCloud.start(c -> c.port(0).dataDir(dir.resolve("cloud")).timing(Timing.fast()));
        cloud = Cloud.at(lc.endpoint(), s -> s.dataDir(dir.resolve("client")));
        String classes = Path.of(MisbehavingModel.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        // The image is split on spaces; the class path goes in the environment so that no path is split.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Model model = cloud.registerModel("misbehaving", r -> r
                .image(java + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx48m " + MisbehavingModel.class.getName())
                .environment(Map.of("CLASSPATH", classes, "MISBEHAVE_VALUE", VALUE,
                        "MISBEHAVE_SLEEP_MS", Long.toString(SLEEP_MS), "MISBEHAVE_SEED", Long.toString(seed))));
        model.toEndpoint(d -> d.endpointName(SYNC).maxInstances(1));
        model.toEndpoint(d -> d.endpointName(ASYNC).async(true).minInstances(1).maxInstances(1).maxConcurrent(4));
    }

    @AfterAll
    static void stop() {
        System.out.println("misbehaving model matrix:\n  " + String.join("\n  ", summary));
        if (cloud != null) {
            cloud.close();
        }
        if (lc != null) {
            lc.close();
        }
    }

    static Stream<Arguments> cases() {
        return CASES.stream().flatMap(c -> Stream.of(Arguments.of(c, SYNC), Arguments.of(c, ASYNC)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void everyRowIsRightOrCarriesAClearError(Case c, String endpoint) {
        Frame in = input(c.mode());
        long start = System.nanoTime();
        Frame out = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> run(cloud.endpoint(endpoint), in),
                c.mode().label() + " on " + endpoint + " finishes in bounded time");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Set<String> errors = new LinkedHashSet<>();
        for (int i = 0; i < out.rowCount(); i++) {
            String e = error(out, i);
            if (e != null) {
                errors.add(e);
            }
        }
        summary.add(String.format("%-20s %-17s %2d rows, %2d failed, %5.1f s  %s", c.mode().label(), endpoint,
                out.rowCount(), out.errorCount(), took.toMillis() / 1000.0, errors));

        // Every problem of the case at once (rows, leftovers, exit code), so one run tells the whole story.
        List<String> wrong = new ArrayList<>();
        if (out.rowCount() != ROWS) {
            wrong.add("N rows in, N rows out: " + out.rowCount() + " rows for " + ROWS);
        }
        for (int i = 0; i < Math.min(ROWS, out.rowCount()); i++) {
            String problem = check(c, in, out, i);
            if (problem != null) {
                wrong.add("row " + i + ": " + problem);
            }
        }
        if (endpoint.equals(ASYNC)) {
            List<String> left = Clouds.leftovers(cloud, ASYNC, Duration.ofSeconds(5));
            if (!left.isEmpty()) {
                wrong.add(left.size() + " S3 objects left behind, e.g. " + left.subList(0, Math.min(3, left.size())));
                // Judge the next case by its own objects only.
                left.forEach(key -> cloud.s3().deleteObject(b -> b.bucket(cloud.bucket()).key(key)));
            }
        }
        if (c.mode() == Mode.NORMAL || c.mode() == Mode.FAIL_VALUE) {
            int expected = c.mode() == Mode.NORMAL ? 0 : 3;
            int exit = cliInfer(endpoint, in, c.mode().label(), wrong);
            if (exit != expected) {
                wrong.add("workbench infer exited " + exit + ", not " + expected);
            }
        }
        assertTrue(wrong.isEmpty(), c.mode().label() + " on " + endpoint + ":\n" + String.join("\n", wrong));
    }

    /** What is wrong with output row {@code i} for this case, or null. */
    static @Nullable String check(Case c, Frame in, Frame out, int i) {
        for (String column : in.columns()) {
            if (!String.valueOf(in.get(i, column)).equals(out.hasColumn(column) ? out.get(i, column) : null)) {
                return "input column " + column + " is " + (out.hasColumn(column) ? out.get(i, column) : "missing")
                        + ", not " + in.get(i, column) + " (a moved or altered row)";
            }
        }
        String error = error(out, i);
        String score = out.hasColumn("score") ? out.get(i, "score") : null;
        boolean right = error == null && expectedScore(in, i).equals(score);
        if (error == null && !right) {
            return "no error, but score " + score + " instead of " + expectedScore(in, i);
        }
        boolean clear = error != null && c.error() != null && c.error().matcher(error).find();
        boolean mustFail = switch (c.outcome()) {
            case ALL_RIGHT -> false;
            case VALUE_ROWS_FAIL -> HOLDING_VALUE.contains(i);
            case RIGHT_OR_ERROR -> false;
            case ALL_FAIL -> true;
        };
        boolean mayFail = mustFail || c.outcome() == Outcome.RIGHT_OR_ERROR;
        if (mustFail && right) {
            return "succeeded, but the model's answer for it was wrong";
        }
        if (error != null && !mayFail) {
            return "failed although its answer was right: " + error;
        }
        if (error != null && !clear) {
            return "the error does not say what was wrong (/" + c.error() + "/): " + error;
        }
        return null;
    }

    static @Nullable String error(Frame out, int i) {
        return out.hasColumn(Frame.ERROR_COLUMN) ? out.get(i, Frame.ERROR_COLUMN) : null;
    }

    static Frame run(Endpoint endpoint, Frame in) {
        try {
            return endpoint.inference(in, o -> o.batchSize(BATCH).maxInFlight(3).threads(3)
                    .invocationTimeout(INVOCATION_TIMEOUT));
        } catch (InferenceFailedException e) {
            return e.result();
        }
    }

    /** {@code workbench infer} in this JVM, as a user types it; the output checked for N rows. */
    static int cliInfer(String endpoint, Frame in, String label, List<String> wrong) {
        Path input = dir.resolve(label + "-" + endpoint + ".csv");
        Path output = dir.resolve(label + "-" + endpoint + "-out.csv");
        in.writeCsv(input);
        CommandLine cl = WorkbenchCli.commandLine();
        StringWriter said = new StringWriter();
        cl.setOut(new PrintWriter(said, true));
        cl.setErr(new PrintWriter(said, true));
        int exit = cl.execute("infer", endpoint, "-i", input.toString(), "-O", output.toString(), "--batch-size",
                Integer.toString(BATCH), "--progress", "none", "--endpoint-url", lc.endpoint().toString(),
                "--data-dir", dir.resolve("cli").toString());
        System.out.println("workbench infer " + endpoint + " (" + label + ") -> exit " + exit + "\n" + said);
        if (exit == 0 || exit == 3) {
            Frame written = Frame.readCsv(output);
            int errors = exit == 0 ? 0 : HOLDING_VALUE.size();
            if (written.rowCount() != ROWS || written.errorCount() != errors) {
                wrong.add("workbench infer wrote " + written.rowCount() + " rows with " + written.errorCount()
                        + " errors, not " + ROWS + " with " + errors);
            }
        } else {
            wrong.add("workbench infer wrote nothing: " + said);
        }
        return exit;
    }

    /** {@code id, code, mode}: the code is {@value #VALUE}-something on the rows holding the value. */
    static Frame input(Mode mode) {
        Frame.Builder b = Frame.builder("id", "code", MisbehavingModel.MODE_COLUMN);
        for (int i = 0; i < ROWS; i++) {
            b.row(Integer.toString(i), HOLDING_VALUE.contains(i) ? VALUE + "-" + i : String.format("c%06d", i), mode.label());
        }
        return b.build();
    }

    static String expectedScore(Frame in, int i) {
        return MisbehavingModel.score(in.get(i, "id") + "," + in.get(i, "code"));
    }
}
