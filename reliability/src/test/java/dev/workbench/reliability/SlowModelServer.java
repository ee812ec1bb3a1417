package dev.workbench.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A model server under the SageMaker container contract, run by local-cloud as a command image
 * ({@code java -cp <test classpath> dev.workbench.reliability.SlowModelServer}): GET /ping, POST /invocations
 * on {@code $SAGEMAKER_BIND_TO_PORT}. It answers each CSV row of {@link Rows#numbered} with the row and
 * {@code answer} = id x 2, and takes {@code SLOW_SECONDS} over a request holding an id listed in
 * {@code SLOW_IDS}. Requests are served concurrently, as by a model server with several workers.
 */
public final class SlowModelServer {
    private SlowModelServer() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv("SAGEMAKER_BIND_TO_PORT"));
        Set<String> slowIds = Arrays.stream(System.getenv().getOrDefault("SLOW_IDS", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        long slowMillis = Long.parseLong(System.getenv().getOrDefault("SLOW_SECONDS", "0")) * 1000;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ping", x -> reply(x, 200, "{\"status\":\"healthy\"}"));
        server.createContext("/invocations", x -> {
            String[] lines = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("\n");
            StringBuilder out = new StringBuilder(lines[0].strip()).append(",answer\n");
            boolean slow = false;
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty()) {
                    continue;
                }
                String id = line.substring(0, line.indexOf(','));
                slow |= slowIds.contains(id);
                out.append(line).append(',').append(Long.parseLong(id) * 2).append('\n');
            }
            if (slow) {
                try {
                    Thread.sleep(slowMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            reply(x, 200, out.toString());
        });
        server.start();
        System.out.println("slow model server listening on " + port + ", slow ids " + slowIds + " take " + slowMillis + " ms");
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/csv");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(bytes);
        }
    }
}
