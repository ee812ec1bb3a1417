package dev.workbench.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;

/**
 * A model server under the SageMaker container contract (GET /ping, POST /invocations on
 * {@code $SAGEMAKER_BIND_TO_PORT}) that misbehaves on purpose, run by local-cloud as a command image:
 * {@code java dev.workbench.reliability.MisbehavingModel} with the test classes on {@code CLASSPATH}. JDK classes only.
 *
 * <p>Behaving, it answers like the bundled models: every input column, then {@code score} (the first value reversed)
 * and an empty {@code inference_error}. The mode is {@code $MISBEHAVE}, else the {@code mode} column of the first data
 * row (so one endpoint serves every mode); "a row holding the value" is a row whose line contains
 * {@code $MISBEHAVE_VALUE} (default {@code poison}). The input is CSV without quoting, as the tests send it.
 */
public final class MisbehavingModel {
    static final String MODE_COLUMN = "mode";

    /** Every way of answering, by the name the mode column or $MISBEHAVE gives. */
    enum Mode {
        NORMAL, DROP_ROW, DROP_VALUE, EXTRA_ROW, REVERSED, ROTATED, EXTRA_COLUMNS, RAGGED_HEADER, FAIL_VALUE,
        SLEEP_VALUE, BAD_UTF8_VALUE, HTML, RANDOM_BYTES, UNTERMINATED_QUOTE, EMPTY_BODY, NO_INPUT_COLUMNS;

        String label() {
            return name().toLowerCase().replace('_', '-');
        }

        static Mode of(String label) {
            return valueOf(label.trim().toUpperCase().replace('-', '_'));
        }
    }

    private record Answer(int status, String contentType, byte[] body) {}

    private final String value;
    private final long sleepMillis;
    private final Random random;
    private final String fixedMode;

    private MisbehavingModel(String fixedMode, String value, long sleepMillis, long seed) {
        this.fixedMode = fixedMode;
        this.value = value;
        this.sleepMillis = sleepMillis;
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(env("SAGEMAKER_BIND_TO_PORT", "8080"));
        long seed = Long.parseLong(env("MISBEHAVE_SEED", "1"));
        MisbehavingModel model = new MisbehavingModel(env("MISBEHAVE", ""), env("MISBEHAVE_VALUE", "poison"),
                Long.parseLong(env("MISBEHAVE_SLEEP_MS", "15000")), seed);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        // A sleeping request must not hold up the others.
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ping", x -> reply(x, new Answer(200, "application/json", "{\"status\":\"healthy\"}".getBytes())));
        server.createContext("/invocations", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            Answer answer;
            try {
                answer = model.answer(new String(body, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                answer = new Answer(400, "text/plain", ("cannot read the request: " + e).getBytes(StandardCharsets.UTF_8));
            }
            reply(x, answer);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        server.start();
        System.out.println("misbehaving model on port " + port + " (mode " + (model.fixedMode.isEmpty() ? "from the data"
                : model.fixedMode) + ", value '" + model.value + "', seed " + seed + ")");
    }

    private Answer answer(String csv) {
        List<String> lines = new ArrayList<>(Arrays.asList(csv.replace("\r", "").split("\n")));
        lines.removeIf(String::isEmpty);
        if (lines.isEmpty()) {
            return new Answer(400, "text/plain", "empty request".getBytes(StandardCharsets.UTF_8));
        }
        String header = lines.get(0);
        List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
        Mode mode = mode(header, rows);
        boolean holdsValue = rows.stream().anyMatch(r -> r.contains(value));
        switch (mode) {
            case DROP_ROW -> {
                if (!rows.isEmpty()) rows.remove(rows.size() - 1);
            }
            case DROP_VALUE -> rows.removeIf(r -> r.contains(value));
            case EXTRA_ROW -> {
                if (!rows.isEmpty()) rows.add(rows.get(rows.size() - 1));
            }
            case REVERSED -> Collections.reverse(rows);
            case ROTATED -> Collections.rotate(rows, 1);
            case FAIL_VALUE -> {
                if (holdsValue) {
                    return new Answer(500, "text/plain", ("deliberate failure on a row holding '" + value + "'")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            case SLEEP_VALUE -> {
                if (holdsValue) sleep(sleepMillis);
            }
            case HTML -> {
                return new Answer(200, "text/html", ("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
                        + "<body><h1>Bad Gateway</h1><p>upstream failed, please retry</p></body></html>\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            case RANDOM_BYTES -> {
                byte[] noise = new byte[256];
                synchronized (random) {
                    random.nextBytes(noise);
                }
                return new Answer(200, "text/csv", noise);
            }
            case EMPTY_BODY -> {
                return new Answer(200, "text/csv", new byte[0]);
            }
            default -> {
                // answered below
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String extra = mode == Mode.EXTRA_COLUMNS ? ",model_version,latency_ms" : "";
        String answerHeader = mode == Mode.NO_INPUT_COLUMNS ? "score,inference_error"
                : mode == Mode.RAGGED_HEADER ? header + ",score" // one name short of the fields below
                : header + ",score" + extra + ",inference_error";
        write(out, answerHeader + "\n");
        boolean first = true;
        for (String row : rows) {
            String score = score(row);
            if (mode == Mode.UNTERMINATED_QUOTE && first) {
                score = "\"" + score + ",never closed";
            }
            String echoed = mode == Mode.NO_INPUT_COLUMNS ? "" : row + ",";
            if (mode == Mode.BAD_UTF8_VALUE && row.contains(value)) {
                write(out, echoed);
                out.write(0xC3); // a lead byte followed by one that cannot continue it
                out.write(0x28);
                out.write(0xFF);
                write(out, ",\n");
            } else {
                write(out, echoed + score + (mode == Mode.EXTRA_COLUMNS ? ",v7,3" : "") + ",\n");
            }
            first = false;
        }
        return new Answer(200, "text/csv", out.toByteArray());
    }

    private Mode mode(String header, List<String> rows) {
        if (!fixedMode.isEmpty()) {
            return Mode.of(fixedMode);
        }
        int column = Arrays.asList(header.split(",", -1)).indexOf(MODE_COLUMN);
        if (column < 0 || rows.isEmpty()) {
            return Mode.NORMAL;
        }
        return Mode.of(rows.get(0).split(",", -1)[column]);
    }

    /** What the model computes from a row: its first value reversed (different for every row of the tests). */
    static String score(String line) {
        int comma = line.indexOf(',');
        return new StringBuilder(comma < 0 ? line : line.substring(0, comma)).reverse().toString();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void reply(HttpExchange x, Answer a) throws IOException {
        x.getResponseHeaders().set("Content-Type", a.contentType());
        x.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
        try (OutputStream os = x.getResponseBody()) {
            os.write(a.body());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String env(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? otherwise : v;
    }
}
