package dev.workbench.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.local.faults.FaultsFile;
import dev.workbench.local.http.AdminHandler;
import dev.workbench.local.http.AwsException;
import dev.workbench.local.http.AwsResponse;
import dev.workbench.local.spi.CloudStats;
import dev.workbench.local.spi.FaultInjector;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /_local/health}, {@code GET /_local/stats}, {@code GET|POST /_local/faults} (body as in a faults
 * file). Reachable only from this machine: the server binds 127.0.0.1.
 */
final class AdminPaths implements AdminHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FaultInjector faults;
    private final CloudStats stats;

    AdminPaths(FaultInjector faults, CloudStats stats) {
        this.faults = faults;
        this.stats = stats;
    }

    @Override
    public AwsResponse handle(String method, String path, byte[] body) {
        try {
            return switch (method + " " + path) {
                case "GET /_local/health" -> json("{\"status\":\"ok\"}");
                case "GET /_local/stats" -> json(JSON.writeValueAsString(stats.snapshot()));
                case "GET /_local/faults" -> json(JSON.writeValueAsString(FaultsFile.toJson(faults.settings())));
                case "POST /_local/faults", "PUT /_local/faults" -> {
                    faults.set(FaultsFile.parse(new String(body, StandardCharsets.UTF_8)));
                    yield json(JSON.writeValueAsString(FaultsFile.toJson(faults.settings())));
                }
                default -> throw new AwsException(404, "NotFound", "No local admin path " + method + " " + path);
            };
        } catch (IllegalArgumentException e) {
            throw new AwsException(400, "ValidationException", e.getMessage() == null ? "invalid request" : e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AwsResponse json(String body) {
        return AwsResponse.of(200, "application/json", body);
    }
}
