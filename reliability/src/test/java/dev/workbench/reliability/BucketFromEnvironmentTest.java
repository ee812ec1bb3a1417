package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.Frame;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.spi.Timing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.Bucket;

/** {@code WORKBENCH_BUCKET} decides where async objects go with --endpoint-url too, as the README says. */
class BucketFromEnvironmentTest {
    static final String BUCKET = "wb-from-the-environment";

    @TempDir
    Path dir;

    @Test
    void asyncInputsAndOutputsGoToTheBucketTheEnvironmentNames() throws Exception {
        try (LocalCloud lc = LocalCloud.start(c -> c.port(0).dataDir(dir.resolve("cloud")).timing(Timing.fast()));
             Cloud observer = Cloud.at(lc.endpoint(), s -> s.dataDir(dir.resolve("observer")))) {
            Path data = dir.resolve("wb");
            Map<String, String> env = Map.of("WORKBENCH_BUCKET", BUCKET);
            assertEquals(0, CliProcess.run(lc.endpoint(), data, env, "register-model", "bucketed", "--image", "local/latency",
                    "--env", "LATENCY_MS_PER_ROW=40").exit());
            assertEquals(0, CliProcess.run(lc.endpoint(), data, env, "deploy", "bucketed", "--async", "--name", "bucketed-ep",
                    "--max-instances", "1").exit());
            String config = observer.sageMaker().describeEndpoint(b -> b.endpointName("bucketed-ep")).endpointConfigName();
            String outputPath = observer.sageMaker().describeEndpointConfig(b -> b.endpointConfigName(config))
                    .asyncInferenceConfig().outputConfig().s3OutputPath();
            assertTrue(outputPath.startsWith("s3://" + BUCKET + "/"), "async outputs in the bucket named: " + outputPath);

            Frame in = Rows.numbered(40, "bucket");
            Path input = dir.resolve("in.csv");
            in.writeCsv(input);
            Path output = dir.resolve("out.csv");
            Process infer = CliProcess.start(lc.endpoint(), data, env, "infer", "bucketed-ep", "-i", input.toString(),
                    "-O", output.toString(), "--batch-size", "5", "--progress", "none");
            // The inputs are deleted once answered: look for them while the run is on.
            int inputsSeen = 0;
            while (infer.isAlive() && inputsSeen == 0) {
                if (bucketNames(observer).contains(BUCKET)) {
                    inputsSeen = observer.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix("endpoints/bucketed-ep/async-input"))
                            .keyCount();
                }
                Thread.sleep(20);
            }
            String said = new String(infer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(infer.waitFor(120, TimeUnit.SECONDS), said);
            assertEquals(0, infer.exitValue(), said);
            Rows.assertSameRowsInOrder(in, Frame.readCsv(output));
            assertTrue(inputsSeen > 0, "async inputs were staged in " + BUCKET);
            assertEquals(List.of(BUCKET), bucketNames(observer), "no other bucket was created (no workbench-artifacts-<region>)");
        }
    }

    private static List<String> bucketNames(Cloud cloud) {
        return cloud.s3().listBuckets().buckets().stream().map(Bucket::name).toList();
    }
}
