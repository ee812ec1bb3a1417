package dev.workbench.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Members of a raw JSON answer that the service's model (as the AWS SDK's generated classes carry it) does not have.
 * The SDK drops unknown members silently, so only the raw answer shows them; other clients (boto3's validation,
 * strict JavaScript types) do not.
 */
public final class ModelMembers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelMembers() {
    }

    /** A JSON 1.1 operation sent raw, its answer parsed. */
    public static JsonNode call(LocalCloud cloud, String service, String target, String body) {
        var r = TestClients.signed(cloud.endpoint(), service, "POST", "/", Map.of("X-Amz-Target", target,
                "Content-Type", "application/x-amz-json-1.1"), body.getBytes(StandardCharsets.UTF_8), "test");
        if (r.statusCode() != 200) {
            throw new AssertionError(target + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Paths such as {@code $.ProductionVariants[0].CurrentInstanceType} of members the model lacks. */
    public static List<String> unknown(JsonNode answer, SdkPojo model) {
        List<String> out = new ArrayList<>();
        object(answer, model.sdkFields(), "$", out);
        return out;
    }

    private static void object(JsonNode json, List<SdkField<?>> fields, String path, List<String> out) {
        Map<String, SdkField<?>> byName = new HashMap<>();
        for (SdkField<?> f : fields) {
            byName.put(f.locationName(), f);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            SdkField<?> f = byName.get(e.getKey());
            if (f == null) {
                out.add(path + "." + e.getKey());
            } else {
                value(e.getValue(), f, path + "." + e.getKey(), out);
            }
        }
    }

    private static void value(JsonNode json, SdkField<?> field, String path, List<String> out) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            object(json, field.constructor().get().sdkFields(), path, out);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            for (int i = 0; i < json.size(); i++) {
                value(json.get(i), member, path + "[" + i + "]", out);
            }
        } else if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                value(e.getValue(), member, path + "." + e.getKey(), out);
            }
        }
    }
}
