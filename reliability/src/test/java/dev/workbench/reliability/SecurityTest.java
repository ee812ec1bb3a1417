package dev.workbench.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.api.WorkbenchException;
import dev.workbench.local.LocalCloud;
import dev.workbench.local.spi.Timing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;

/** Loopback only, signatures checked, no secret anywhere after a full scenario, async objects deleted, KMS passed on. */
class SecurityTest {
    static final String ACCESS_KEY = "AKIAFAKEFAKEFAKE0000";
    static final String SECRET = "reliabilitySecretDoNotLeak/1234567890abcdefgh";

    @TempDir
    static Path cloudDir;

    @TempDir
    static Path data;

    static LocalCloud lc;

    @BeforeAll
    static void start() {
        lc = LocalCloud.start(c -> c.port(0).dataDir(cloudDir).timing(Timing.fast()).accessKey(ACCESS_KEY).secretKey(SECRET));
    }

    @AfterAll
    static void stop() {
        lc.close();
    }

    private static Cloud connect() {
        return Cloud.at(lc.endpoint(), s -> s.dataDir(data).credentials(ACCESS_KEY, SECRET));
    }

    @Test
    void listensOnLoopbackOnly() throws IOException {
        assertTrue(InetAddress.getByName(lc.endpoint().getHost()).isLoopbackAddress(), lc.endpoint().toString());
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (!a.isLoopbackAddress() && a instanceof Inet4Address) {
                    others.add(a);
                }
            }
        }
        System.out.println("non-loopback addresses tried: " + others);
        for (InetAddress a : others) {
            try (Socket s = new Socket()) {
                assertThrows(IOException.class, () -> s.connect(new InetSocketAddress(a, lc.port()), 2000),
                        "port " + lc.port() + " must not answer on " + a);
            }
        }
    }

    @Test
    void aWrongSecretIsRefusedWithSignatureDoesNotMatch() {
        try (Cloud wrong = Cloud.at(lc.endpoint(), s -> s.dataDir(data).credentials(ACCESS_KEY, "not-the-secret"))) {
            AwsServiceException sm = assertThrows(AwsServiceException.class, () -> wrong.sageMaker().listEndpoints());
            assertEquals(403, sm.statusCode());
            assertEquals("SignatureDoesNotMatch", sm.awsErrorDetails().errorCode());
            AwsServiceException s3 = assertThrows(AwsServiceException.class, () -> wrong.s3().listBuckets());
            assertEquals(403, s3.statusCode());
            assertEquals("SignatureDoesNotMatch", s3.awsErrorDetails().errorCode());
            assertFalse(sm.getMessage().contains("not-the-secret") || s3.getMessage().contains("not-the-secret"));
        }
    }

    @Test
    void aKmsKeySetOnDeployIsPassedThrough() {
        String key = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        try (Cloud cloud = connect()) {
            Endpoint ep = Clouds.deployLatency(cloud, "kms", Map.of("LATENCY_MS_PER_ROW", "1"), d -> d.kmsKeyId(key));
            String config = cloud.sageMaker().describeEndpoint(b -> b.endpointName(ep.name())).endpointConfigName();
            DescribeEndpointConfigResponse c = cloud.sageMaker().describeEndpointConfig(b -> b.endpointConfigName(config));
            assertEquals(key, c.asyncInferenceConfig().outputConfig().kmsKeyId(), "async output encrypted with the key");
            ep.delete();
        }
    }

    @Test
    void noSecretInOutputLogsExceptionsJournalCacheOrAnyFileAfterAFullScenario() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(tee(out, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(err, captured), true, StandardCharsets.UTF_8));
        List<String> texts = new ArrayList<>();
        try (Cloud cloud = connect()) {
            texts.add(cloud.toString());
            texts.add(cloud.settings().toString());
            Endpoint async = Clouds.deployLatency(cloud, "secret-async", Map.of("LATENCY_MS_PER_ROW", "1"), d -> { });
            Endpoint sync = cloud.registerModel("secret-sync", r -> r.image("local/latency")).toEndpoint(d -> d.async(false));
            Frame in = Rows.numbered(50, "secret");
            Frame a = async.inference(in);
            Frame s = sync.inference(in);
            assertEquals(50, a.rowCount());
            assertEquals(50, s.rowCount());
            try (var cache = new dev.workbench.api.InferenceCache(async, "id")) {
                cache.inference(in);
            }
            assertEquals(List.of(), Clouds.leftovers(cloud, "secret-async", Duration.ofSeconds(10)),
                    "async inputs and outputs deleted after use by default");
            // Error paths, printed the way a user's script would print them.
            for (Runnable r : List.<Runnable>of(
                    () -> cloud.endpoint("missing").inference(in),
                    () -> cloud.registerModel("bad_name", m -> m.image("x")),
                    () -> async.inference(Frame.builder("x").row("1").build(), o -> o.batchSize(0)))) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    e.printStackTrace();
                    texts.add(String.valueOf(e));
                }
            }
            try (Cloud wrong = Cloud.at(lc.endpoint(), st -> st.dataDir(data).credentials(ACCESS_KEY, SECRET + "x"))) {
                wrong.endpoint("secret-async").inference(in);
            } catch (RuntimeException e) {
                e.printStackTrace();
                texts.add(String.valueOf(e));
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        texts.add(captured.toString(StandardCharsets.UTF_8));
        for (String t : texts) {
            assertFalse(t.contains(SECRET), "secret in output: " + t);
        }
        byte[] needle = SECRET.getBytes(StandardCharsets.UTF_8);
        int files = 0;
        for (Path root : List.of(cloudDir, data)) {
            try (Stream<Path> all = Files.walk(root)) {
                for (Path f : all.filter(Files::isRegularFile).toList()) {
                    files++;
                    assertFalse(contains(Files.readAllBytes(f), needle), "secret written to " + f);
                }
            }
        }
        System.out.println("scanned " + captured.size() + " bytes of output and " + files + " files: no secret");
        assertTrue(Files.exists(data.resolve("journal.db")), "the journal was among the files scanned");
    }

    private static OutputStream tee(OutputStream a, OutputStream b) {
        return new OutputStream() {
            @Override
            public void write(int x) throws IOException {
                a.write(x);
                synchronized (b) {
                    b.write(x);
                }
            }

            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                a.write(buf, off, len);
                synchronized (b) {
                    b.write(buf, off, len);
                }
            }
        };
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
