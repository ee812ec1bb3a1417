package dev.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.local.junit.LocalCloudExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** The two commands that keep running: `local` (a server) and `shell` (interactive), each as its own process. */
class ServerCommandsTest {
  private static final Pattern READY = Pattern.compile("local cloud ready at (http://127\\.0\\.0\\.1:\\d+)");

  @RegisterExtension static LocalCloudExtension cloud = LocalCloudExtension.fast();

  @Test
  void localServesTheAwsApisUntilStopped(@TempDir Path dir) throws Exception {
    Process server = cli(List.of("local", "--port", "0", "--data-dir", dir.resolve("cloud").toString()));
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      URI endpoint = null;
      for (String line; endpoint == null && (line = out.readLine()) != null; ) {
        Matcher m = READY.matcher(line);
        if (m.find()) {
          endpoint = URI.create(m.group(1));
        }
      }
      assertTrue(endpoint != null, "no ready line");
      var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
      try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
              .credentialsProvider(credentials).forcePathStyle(true).build();
           SageMakerClient sageMaker = SageMakerClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
              .credentialsProvider(credentials).build()) {
        s3.createBucket(b -> b.bucket("served"));
        assertTrue(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("served")));
        assertEquals(0, sageMaker.listEndpoints(b -> {}).endpoints().size());
      }
      server.destroy();
      assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server did not stop on SIGTERM");
    } finally {
      server.destroyForcibly();
    }
  }

  @Test
  void shellHasTheDslImportedAndWbConnected(@TempDir Path dir) throws Exception {
    Process shell = cli(List.of("shell", "--endpoint-url=" + cloud.cloud().endpoint(), "--data-dir=" + dir));
    try (Writer in = new OutputStreamWriter(shell.getOutputStream(), StandardCharsets.UTF_8)) {
      in.write("Frame f = wb.frame(\"id\").row(\"007\").build();\n");
      in.write("System.out.println(\"first id \" + f.get(0, \"id\") + \", endpoints \" + wb.endpoints().size());\n");
      in.write("/exit\n");
    }
    String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(shell.waitFor(60, TimeUnit.SECONDS), "the shell did not exit");
    assertTrue(output.contains("first id 007, endpoints 0"), output);
  }

  private static Process cli(List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), WorkbenchCli.class.getName()));
    command.addAll(args);
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
