package dev.workbench.core.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.EndpointMeta;
import dev.workbench.api.Frame;
import dev.workbench.api.InferenceOptions;
import dev.workbench.local.junit.LocalCloudExtension;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A row over the async payload limit (1 GB on SageMaker; lowered here so the test needs no gigabyte) is refused
 * with a message naming it, without an invocation, while the other rows of its batch are answered.
 */
class AsyncPayloadLimitTest {
    @RegisterExtension
    static LocalCloudExtension local = LocalCloudExtension.fast();

    @TempDir
    Path dataDir;

    private Cloud cloud;
    private AsyncRoundTrip trip;

    @BeforeEach
    void connect() {
        System.setProperty(AsyncRoundTrip.MAX_PAYLOAD_PROPERTY, "2000");
        cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(dataDir));
        trip = new AsyncRoundTrip(cloud);
    }

    @AfterEach
    void disconnect() {
        System.clearProperty(AsyncRoundTrip.MAX_PAYLOAD_PROPERTY);
        trip.close();
        cloud.close();
    }

    @Test
    void aRowOverTheLimitFailsAloneAndNamesTheLimit() throws Exception {
        LatencyEndpoints.deploy(cloud, "async-limit", Map.of("LATENCY_MS_PER_ROW", "1"), 4);
        Frame.Builder b = Frame.builder("id", "text");
        for (int i = 0; i < 20; i++) {
            b.row(Integer.toString(i), i == 13 ? "x".repeat(3000) : "small");
        }
        Frame in = b.build();
        long invokes = local.cloud().stats().get("runtime.InvokeEndpointAsync");

        Frame out = trip.submit("async-limit", in, InferenceOptions.of(o -> o.batchSize(10)), EndpointMeta.empty())
                .future().get(60, TimeUnit.SECONDS);

        assertEquals(20, out.rowCount());
        assertEquals(1, out.errorCount());
        String error = out.get(13, Frame.ERROR_COLUMN);
        assertTrue(error != null && error.contains("Row 13") && error.contains("over the async payload limit of 2000 bytes"),
                String.valueOf(error));
        for (int i = 0; i < 20; i++) {
            assertEquals(Integer.toString(i), out.get(i, "id"));
            if (i != 13) {
                assertNull(out.get(i, Frame.ERROR_COLUMN), "row " + i);
            }
        }
        // Rows 0-9 go in one invocation; rows 10-19 are split down to row 13, and only the pieces without it are invoked.
        long made = local.cloud().stats().get("runtime.InvokeEndpointAsync") - invokes;
        assertEquals(5, made, "invocations");
    }
}
