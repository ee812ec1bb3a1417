package dev.workbench.local.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.local.TestClients;
import dev.workbench.local.junit.LocalCloudExtension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/** GetMetricData with metric math, as a dashboard or a script on AWS asks for it. */
class MetricMathTest {

    @RegisterExtension
    static LocalCloudExtension cloud = LocalCloudExtension.fast();
    static TestClients aws;
    static CloudWatchClient cw;
    /** Three whole minutes: errors in minutes 0 and 2, invocations in all three. */
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
    static final Instant T1 = T0.plusSeconds(60);
    static final Instant T2 = T0.plusSeconds(120);

    @BeforeAll
    static void data() {
        aws = new TestClients(cloud.cloud());
        cw = aws.cloudWatch;
        Dimension ep = Dimension.builder().name("EndpointName").value("math").build();
        cw.putMetricData(b -> b.namespace("Test/Math").metricData(
                datum("Invocations", ep, T0, 10), datum("Invocations", ep, T1, 20), datum("Invocations", ep, T2, 40),
                datum("Errors5XX", ep, T0, 1), datum("Errors5XX", ep, T2, 4),
                datum("Errors4XX", ep, T0, 2), datum("Errors4XX", ep, T1, 3)));
    }

    @AfterAll
    static void close() {
        aws.close();
    }

    private static MetricDatum datum(String name, Dimension d, Instant at, double value) {
        return MetricDatum.builder().metricName(name).dimensions(d).timestamp(at.plusSeconds(5)).value(value).build();
    }

    private static MetricDataQuery metric(String id, String name, boolean returned) {
        return MetricDataQuery.builder().id(id).returnData(returned).metricStat(s -> s.period(60).stat("Sum")
                .metric(m -> m.namespace("Test/Math").metricName(name)
                        .dimensions(d -> d.name("EndpointName").value("math")))).build();
    }

    private static MetricDataQuery expression(String id, String expression) {
        return MetricDataQuery.builder().id(id).expression(expression).build();
    }

    private static Map<String, MetricDataResult> ask(MetricDataQuery... queries) {
        return cw.getMetricData(b -> b.startTime(T0).endTime(T2.plusSeconds(60)).scanBy(ScanBy.TIMESTAMP_ASCENDING)
                .metricDataQueries(queries)).metricDataResults().stream()
                .collect(Collectors.toMap(MetricDataResult::id, Function.identity()));
    }

    @Test
    void arithmeticBetweenQueriesUsesTheTimestampsBothHave() {
        Map<String, MetricDataResult> r = ask(metric("inv", "Invocations", false), metric("e5", "Errors5XX", false),
                expression("rate", "100 * e5 / inv"), expression("shifted", "-(inv - 5) ^ 1 + 2 * 3"));
        assertEquals(List.of("rate", "shifted"), r.keySet().stream().sorted().toList(), "ReturnData false is not answered");
        assertEquals(List.of(T0, T2), r.get("rate").timestamps());
        assertEquals(List.of(10.0, 10.0), r.get("rate").values());
        assertEquals("rate", r.get("rate").label());
        assertEquals(List.of(1.0, -9.0, -29.0), r.get("shifted").values());
    }

    @Test
    void sumAvgMinMaxOverMetricsAndOfOneSeries() {
        Map<String, MetricDataResult> r = ask(metric("err5", "Errors5XX", false), metric("err4", "Errors4XX", false),
                metric("inv", "Invocations", false), expression("errors", "SUM(METRICS('err'))"),
                expression("most", "MAX(METRICS())"), expression("least", "MIN([err4, err5])"),
                expression("share", "inv / AVG(inv)"));
        assertEquals(List.of(T0, T1, T2), r.get("errors").timestamps());
        assertEquals(List.of(3.0, 3.0, 4.0), r.get("errors").values());
        assertEquals(List.of(10.0, 20.0, 40.0), r.get("most").values());
        assertEquals(List.of(1.0, 3.0, 4.0), r.get("least").values());
        double avg = 70.0 / 3;
        List<Double> share = r.get("share").values();
        assertEquals(3, share.size());
        assertEquals(10 / avg, share.get(0), 1e-9);
        assertEquals(40 / avg, share.get(2), 1e-9);
    }

    @Test
    void fillGivesEveryPeriodAValue() {
        Map<String, MetricDataResult> r = ask(metric("e5", "Errors5XX", false), expression("zero", "FILL(e5, 0)"),
                expression("repeat", "FILL(e5, REPEAT)"), expression("linear", "FILL(e5, LINEAR)"),
                expression("rate", "FILL(e5, 0) / 2"));
        assertEquals(List.of(T0, T1, T2), r.get("zero").timestamps());
        assertEquals(List.of(1.0, 0.0, 4.0), r.get("zero").values());
        assertEquals(List.of(1.0, 1.0, 4.0), r.get("repeat").values());
        assertEquals(List.of(1.0, 2.5, 4.0), r.get("linear").values());
        assertEquals(List.of(0.5, 0.0, 2.0), r.get("rate").values());
    }

    @Test
    void theAwsCliGetsTheSameAnswer() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestClients.awsCliInstalled(), "the AWS CLI is not installed");
        String queries = "[{\"Id\":\"e5\",\"ReturnData\":false,\"MetricStat\":{\"Period\":60,\"Stat\":\"Sum\","
                + "\"Metric\":{\"Namespace\":\"Test/Math\",\"MetricName\":\"Errors5XX\",\"Dimensions\":"
                + "[{\"Name\":\"EndpointName\",\"Value\":\"math\"}]}}},{\"Id\":\"filled\",\"Expression\":\"FILL(e5, 0) * 2\"}]";
        TestClients.CliResult cli = TestClients.awsCli(cloud.cloud().endpoint(), "--output", "json", "cloudwatch",
                "get-metric-data", "--start-time", T0.toString(), "--end-time", T2.plusSeconds(60).toString(),
                "--scan-by", "TimestampAscending", "--metric-data-queries", queries);
        String out = cli.output();
        assertEquals(0, cli.exit(), out);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
        var result = json.path("MetricDataResults").get(0);
        assertEquals("filled", result.path("Id").asText(), out);
        assertEquals("[2.0,0.0,8.0]", result.path("Values").toString(), out);
    }

    @Test
    void badExpressionsAreRefusedNamingWhatIsWrong() {
        CloudWatchException unknown = assertThrows(CloudWatchException.class,
                () -> ask(metric("inv", "Invocations", true), expression("x", "inv / nope")));
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
        CloudWatchException function = assertThrows(CloudWatchException.class,
                () -> ask(metric("inv", "Invocations", true), expression("x", "ANOMALY_DETECTION_BAND(inv)")));
        assertTrue(function.getMessage().contains("ANOMALY_DETECTION_BAND"), function.getMessage());
        CloudWatchException syntax = assertThrows(CloudWatchException.class,
                () -> ask(metric("inv", "Invocations", true), expression("x", "inv +")));
        assertTrue(syntax.getMessage().contains("'x'"), syntax.getMessage());
        CloudWatchException loop = assertThrows(CloudWatchException.class,
                () -> ask(expression("a", "b + 1"), expression("b", "a * 2")));
        assertTrue(loop.getMessage().contains("refers to itself"), loop.getMessage());
    }
}
