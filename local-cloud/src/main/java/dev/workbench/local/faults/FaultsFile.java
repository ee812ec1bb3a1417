package dev.workbench.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.spi.FaultSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;

/**
 * Fault settings as JSON: {@code {"seed":42,"s3SlowDownRate":0.05,"throttleRate":0.05,"modelErrorRate":0.01,
 * "addedLatencyMs":10}}. Missing fields keep their "no fault" value; unknown fields are refused so a typo
 * does not silently turn a fault off.
 */
public final class FaultsFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("seed", "s3SlowDownRate", "throttleRate", "modelErrorRate", "addedLatencyMs");

    private FaultsFile() {
    }

    public static FaultSettings read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read faults file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Faults file " + file + ": " + e.getMessage(), e);
        }
    }

    public static FaultSettings parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "' (known: " + FIELDS + ")");
            }
        }
        FaultSettings settings = new FaultSettings(
                root.path("seed").asLong(0),
                number(root, "s3SlowDownRate"),
                number(root, "throttleRate"),
                number(root, "modelErrorRate"),
                Duration.ofMillis((long) number(root, "addedLatencyMs")));
        SeededFaultInjector.validate(settings);
        return settings;
    }

    public static ObjectNode toJson(FaultSettings settings) {
        ObjectNode node = JSON.createObjectNode();
        node.put("seed", settings.seed());
        node.put("s3SlowDownRate", settings.s3SlowDownRate());
        node.put("throttleRate", settings.throttleRate());
        node.put("modelErrorRate", settings.modelErrorRate());
        node.put("addedLatencyMs", settings.addedLatency().toMillis());
        return node;
    }

    private static double number(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number, got " + node);
        }
        return node.asDouble();
    }
}
