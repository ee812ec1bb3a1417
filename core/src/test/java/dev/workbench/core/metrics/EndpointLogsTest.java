package dev.workbench.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.workbench.api.Cloud;
import dev.workbench.api.Endpoint;
import dev.workbench.api.Frame;
import dev.workbench.api.LogEvent;
import dev.workbench.api.LogFollow;
import dev.workbench.local.junit.LocalCloudExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** Container logs in CloudWatch Logs, read through the real SDK client, the AWS CLI and boto3 against local-cloud. */
public class EndpointLogsTest {
  @RegisterExtension
  static LocalCloudExtension local = LocalCloudExtension.fast();

  @TempDir
  static Path data;

  static Cloud cloud;
  static Endpoint bad;

  @BeforeAll
  static void deploy() {
    cloud = Cloud.at(local.cloud().endpoint(), s -> s.dataDir(data));
    bad = cloud.registerModel("logs-bad-row", r -> r.image("local/latency").environment("LATENCY_MS_PER_ROW", "0")
        .environment("FAIL_ON", "poison")).toEndpoint();
    Frame out = bad.inference(Frame.builder("id").row("fine").row("poison").build());
    assertEquals(1, out.errorCount());
  }

  @AfterAll
  static void close() {
    cloud.close();
  }

  @Test
  void aBundledModelsRowErrorsAreInItsInstanceStream() {
    List<LogEvent> errors = bad.logs(Duration.ofMinutes(5), "ERROR");
    assertFalse(errors.isEmpty(), "no ERROR line");
    assertTrue(errors.stream().anyMatch(e -> e.message().contains("has the value 'poison' that FAIL_ON rejects")), errors.toString());
    assertTrue(errors.stream().allMatch(e -> e.stream().startsWith("AllTraffic/") && e.message().contains("ERROR")), errors.toString());
    List<LogEvent> all = bad.logs(Duration.ofMinutes(5));
    assertTrue(all.size() > errors.size(), "the load line is there too: " + all);
    assertTrue(all.stream().anyMatch(e -> e.message().contains("Loaded bundled model local/latency")), all.toString());
    assertTrue(bad.logs(Duration.ofMinutes(5), "\"no such line anywhere\"").isEmpty());
    assertTrue(bad.logs(Duration.ofMinutes(5), "ERROR -poison").isEmpty(), "exclusion works");
    for (int i = 1; i < all.size(); i++) {
      assertFalse(all.get(i).time().isBefore(all.get(i - 1).time()), "oldest first");
    }
  }

  @Test
  void aCommandImagesOutputIsInItsInstanceStream() {
    Endpoint ep = cloud.registerModel("logs-command", r -> r.image("python3 " + exampleServer())).toEndpoint();
    assertEquals(0, ep.inference(Frame.builder("name").row("abc").build()).errorCount());
    List<LogEvent> lines = await(() -> ep.logs(Duration.ofMinutes(5)),
        l -> l.stream().anyMatch(e -> e.message().contains("POST /invocations")));
    assertTrue(lines.stream().anyMatch(e -> e.message().contains("listening on")), lines.toString());
    assertEquals(1, lines.stream().map(LogEvent::stream).distinct().count(), "one instance, one stream: " + lines);
  }

  @Test
  void followHandsOnEachNewLineOnce() throws Exception {
    List<LogEvent> seen = new CopyOnWriteArrayList<>();
    int before = bad.logs(Duration.ofMinutes(5), "ERROR").size();
    try (LogFollow follow = bad.followLogs(Duration.ofMinutes(5), "ERROR", seen::add)) {
      await(() -> seen, l -> l.size() >= before);
      assertEquals(1, bad.inference(Frame.builder("id").row("ok").row("poison").build()).errorCount());
      await(() -> seen, l -> l.size() >= before + 1);
      Thread.sleep(2 * LogFollower.POLL.toMillis()); // more polls: nothing may come twice
      assertTrue(follow.isRunning());
      follow.close();
      assertFalse(follow.isRunning());
    }
    assertEquals(seen.size(), seen.stream().distinct().count(), "a line came twice: " + seen);
    assertTrue(seen.size() >= before + 1);
    assertTrue(seen.stream().allMatch(e -> e.message().contains("ERROR")));
  }

  @Test
  void theLogsApiAnswersAsCloudWatchLogsDoes() {
    CloudWatchLogsClient logs = cloud.logs();
    String group = "/aws/sagemaker/Endpoints/logs-bad-row";
    List<LogGroup> groups = logs.describeLogGroups(b -> b.logGroupNamePrefix("/aws/sagemaker/Endpoints/logs-bad")).logGroups();
    assertEquals(List.of(group), groups.stream().map(LogGroup::logGroupName).toList());
    assertTrue(groups.get(0).arn().endsWith(":log-group:" + group + ":*"), groups.get(0).arn());
    List<LogStream> streams = logs.describeLogStreams(b -> b.logGroupName(group).orderBy(OrderBy.LAST_EVENT_TIME)
        .descending(true)).logStreams();
    assertFalse(streams.isEmpty());
    LogStream stream = streams.get(0);
    assertTrue(stream.logStreamName().startsWith("AllTraffic/"), stream.logStreamName());
    assertNotNull(stream.lastEventTimestamp());
    GetLogEventsResponse head = logs.getLogEvents(b -> b.logGroupName(group).logStreamName(stream.logStreamName())
        .startFromHead(true).limit(1));
    assertEquals(1, head.events().size());
    GetLogEventsResponse next = logs.getLogEvents(b -> b.logGroupName(group).logStreamName(stream.logStreamName())
        .nextToken(head.nextForwardToken()));
    assertFalse(next.events().isEmpty(), "the forward token continues after the first event");
    GetLogEventsResponse end = logs.getLogEvents(b -> b.logGroupName(group).logStreamName(stream.logStreamName())
        .nextToken(next.nextForwardToken()));
    assertTrue(end.events().isEmpty());
    assertEquals(next.nextForwardToken(), end.nextForwardToken(), "at the end the forward token stays put");

    logs.createLogGroup(b -> b.logGroupName("/my/app"));
    logs.createLogStream(b -> b.logGroupName("/my/app").logStreamName("one"));
    long now = Instant.now().toEpochMilli();
    logs.putLogEvents(b -> b.logGroupName("/my/app").logStreamName("one").logEvents(
        e -> e.timestamp(now).message("hello"), e -> e.timestamp(now + 1).message("world")));
    assertEquals(List.of("world"), logs.filterLogEvents(b -> b.logGroupName("/my/app").filterPattern("wor"))
        .events().stream().map(e -> e.message()).toList());
    assertThrows(ResourceNotFoundException.class, () -> logs.filterLogEvents(b -> b.logGroupName("/no/such")));
    assertThrows(ResourceNotFoundException.class, () -> logs.putLogEvents(b -> b.logGroupName("/my/app")
        .logStreamName("two").logEvents(e -> e.timestamp(now).message("x"))));
    assertTrue(bad.logs(Duration.ofMinutes(5)).stream().noneMatch(e -> e.message().equals("hello")));
  }

  @Test
  void theAwsCliReadsTheLogs() throws Exception {
    List<Path> clis = awsClis();
    assumeTrue(!clis.isEmpty(), "the AWS CLI is not installed");
    String group = "/aws/sagemaker/Endpoints/logs-bad-row";
    String url = local.cloud().endpoint().toString();
    for (Path aws : clis) {
      Result filter = run(List.of(aws.toString(), "--endpoint-url", url, "--output", "json",
          "logs", "filter-log-events", "--log-group-name", group, "--filter-pattern", "ERROR"));
      assertEquals(0, filter.exit(), aws + ": " + filter.output());
      JsonNode events = new ObjectMapper().readTree(filter.output()).get("events");
      assertTrue(events.size() >= 1, filter.output());
      assertTrue(events.get(0).get("message").asText().contains("FAIL_ON rejects"), filter.output());
      assertTrue(events.get(0).get("logStreamName").asText().startsWith("AllTraffic/"));
      // `aws logs tail` is AWS CLI v2 only; it reads through FilterLogEvents too.
      if (run(List.of(aws.toString(), "logs", "tail", "help")).exit() == 0) {
        Result tail = run(List.of(aws.toString(), "--endpoint-url", url, "logs", "tail", group, "--since", "1h",
            "--filter-pattern", "ERROR"));
        assertEquals(0, tail.exit(), aws + ": " + tail.output());
        assertTrue(tail.output().contains("FAIL_ON rejects") && tail.output().contains("AllTraffic/"), tail.output());
      }
    }
  }

  /** Every distinct AWS CLI here (e.g. a v1 from pip on PATH and Debian's v2 in /usr/bin). */
  public static List<Path> awsClis() throws IOException {
    List<Path> found = new java.util.ArrayList<>();
    List<Path> real = new java.util.ArrayList<>();
    List<String> dirs = new java.util.ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)));
    dirs.add("/usr/bin");
    for (String dir : dirs) {
      Path candidate = Path.of(dir, "aws");
      if (!dir.isEmpty() && Files.isExecutable(candidate) && !real.contains(candidate.toRealPath())) {
        real.add(candidate.toRealPath());
        found.add(candidate);
      }
    }
    return found;
  }

  @Test
  void boto3ReadsTheLogs() throws Exception {
    assumeTrue(onPath("python3") && run(List.of("python3", "-c", "import boto3")).exit() == 0, "boto3 is not installed");
    String script = String.join("\n",
        "import boto3, sys",
        "logs = boto3.client('logs', endpoint_url=sys.argv[1], region_name='us-east-1',",
        "                    aws_access_key_id='test', aws_secret_access_key='test')",
        "group = '/aws/sagemaker/Endpoints/logs-bad-row'",
        "streams = logs.describe_log_streams(logGroupName=group)['logStreams']",
        "events = logs.get_log_events(logGroupName=group, logStreamName=streams[0]['logStreamName'], startFromHead=True)",
        "errors = logs.filter_log_events(logGroupName=group, filterPattern='ERROR')['events']",
        "print(len(events['events']), errors[0]['message'])");
    Result r = run(List.of("python3", "-c", script, local.cloud().endpoint().toString()));
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("FAIL_ON rejects"), r.output());
  }

  public record Result(int exit, String output) {}

  public static Result run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_PAGER", "");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, output);
    }
    return new Result(p.exitValue(), output);
  }

  public static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  static Path exampleServer() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("examples/model-server/serve.py");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("examples/model-server/serve.py not found");
  }

  interface Read<T> {
    T get();
  }

  static <T> T await(Read<T> read, Predicate<T> done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    T value = read.get();
    while (!done.test(value) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      value = read.get();
    }
    assertTrue(done.test(value), "timed out waiting; last: " + value);
    return value;
  }
}
