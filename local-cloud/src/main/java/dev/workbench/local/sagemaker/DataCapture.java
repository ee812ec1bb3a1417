package dev.workbench.local.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.spi.ObjectStore;
import dev.workbench.local.spi.S3Uri;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DataCaptureConfig at work: sampled requests and responses as JSON Lines, one object per variant per flush,
 * at {@code <DestinationS3Uri>/<endpoint>/<variant>/yyyy/mm/dd/hh/<mm-ss-SSS>-<uuid>.jsonl} (SageMaker's layout).
 */
final class DataCapture {

    private static final Logger LOG = LoggerFactory.getLogger(DataCapture.class);
    private static final DateTimeFormatter HOUR_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("mm-ss-SSS").withZone(ZoneOffset.UTC);

    private final String endpointName;
    private final S3Uri destination;
    private final double samplingPercentage;
    private final boolean captureInput;
    private final boolean captureOutput;
    private final Set<String> csvTypes = new HashSet<>();
    private final Set<String> jsonTypes = new HashSet<>();
    private final ObjectStore objects;
    private final Clock clock;
    private final Map<String, ConcurrentLinkedQueue<String>> pending = new ConcurrentHashMap<>();

    private DataCapture(String endpointName, S3Uri destination, double samplingPercentage, boolean captureInput,
            boolean captureOutput, ObjectStore objects, Clock clock) {
        this.endpointName = endpointName;
        this.destination = destination;
        this.samplingPercentage = samplingPercentage;
        this.captureInput = captureInput;
        this.captureOutput = captureOutput;
        this.objects = objects;
        this.clock = clock;
    }

    /** The capture of an endpoint, or null when its config does not enable capture. */
    static @Nullable DataCapture of(String endpointName, @Nullable JsonNode config, ObjectStore objects, Clock clock) {
        if (config == null || !config.isObject() || !config.path("EnableCapture").asBoolean(false)) {
            return null;
        }
        S3Uri destination = S3Uri.parse(config.path("DestinationS3Uri").asText());
        boolean input = false;
        boolean output = false;
        for (JsonNode option : config.path("CaptureOptions")) {
            String mode = option.path("CaptureMode").asText();
            input |= mode.equals("Input");
            output |= mode.equals("Output");
        }
        var capture = new DataCapture(endpointName, destination, config.path("InitialSamplingPercentage").asDouble(100),
                input, output, objects, clock);
        JsonNode header = config.path("CaptureContentTypeHeader");
        header.path("CsvContentTypes").forEach(t -> capture.csvTypes.add(t.asText()));
        header.path("JsonContentTypes").forEach(t -> capture.jsonTypes.add(t.asText()));
        return capture;
    }

    /** Records one invocation if it falls in the sample. */
    void record(String variant, byte[] input, String inputType, byte[] output, String outputType, @Nullable String inferenceId) {
        if (ThreadLocalRandom.current().nextDouble(100) >= samplingPercentage) {
            return;
        }
        ObjectNode record = Json.object();
        ObjectNode data = record.putObject("captureData");
        if (captureInput) {
            data.set("endpointInput", payload(input, inputType, "INPUT"));
        }
        if (captureOutput) {
            data.set("endpointOutput", payload(output, outputType, "OUTPUT"));
        }
        ObjectNode meta = record.putObject("eventMetadata");
        meta.put("eventId", UUID.randomUUID().toString());
        if (inferenceId != null) {
            meta.put("inferenceId", inferenceId);
        }
        meta.put("inferenceTime", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
        record.put("eventVersion", "0");
        pending.computeIfAbsent(variant, v -> new ConcurrentLinkedQueue<>())
                .add(new String(Json.write(record), StandardCharsets.UTF_8));
    }

    private ObjectNode payload(byte[] body, String contentType, String mode) {
        ObjectNode node = Json.object();
        node.put("observedContentType", contentType);
        node.put("mode", mode);
        String encoding = encoding(contentType);
        node.put("data", encoding.equals("BASE64") ? Base64.getEncoder().encodeToString(body)
                : new String(body, StandardCharsets.UTF_8));
        node.put("encoding", encoding);
        return node;
    }

    private String encoding(String contentType) {
        String base = contentType.split(";")[0].trim();
        if (csvTypes.contains(base) || (csvTypes.isEmpty() && base.equals("text/csv"))) {
            return "CSV";
        }
        if (jsonTypes.contains(base) || (jsonTypes.isEmpty() && base.equals("application/json"))) {
            return "JSON";
        }
        return "BASE64";
    }

    /** Writes what was recorded since the last flush, one object per variant. */
    void flush() {
        Instant now = clock.instant();
        for (var entry : pending.entrySet()) {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = entry.getValue().poll()) != null) {
                lines.add(line);
            }
            if (lines.isEmpty()) {
                continue;
            }
            var body = new ByteArrayOutputStream();
            for (String l : lines) {
                body.writeBytes(l.getBytes(StandardCharsets.UTF_8));
                body.write('\n');
            }
            S3Uri file = destination.resolve(endpointName + "/" + entry.getKey() + "/" + HOUR_PATH.format(now) + "/"
                    + FILE_TIME.format(now) + "-" + UUID.randomUUID() + ".jsonl");
            try {
                objects.put(file.bucket(), file.key(), body.toByteArray(), "application/jsonl");
            } catch (RuntimeException e) {
                // These records are gone for good: nothing else holds them.
                LOG.error("Data capture for endpoint {} lost {} records: they could not be written to {}: {}", endpointName,
                        lines.size(), file, e.toString());
            }
        }
    }
}
