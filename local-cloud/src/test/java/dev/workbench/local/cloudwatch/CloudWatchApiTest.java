package dev.workbench.local.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.workbench.local.TestClients;
import dev.workbench.local.junit.LocalCloudExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** The Java SDK 2.40.2 speaks awsQuery to CloudWatch: every call here goes over form POST and XML replies. */
class CloudWatchApiTest {

    @RegisterExtension
    static LocalCloudExtension cloud = LocalCloudExtension.fast();
    static TestClients aws;
    static CloudWatchClient cw;

    @BeforeAll
    static void clients() {
        aws = new TestClients(cloud.cloud());
        cw = aws.cloudWatch;
    }

    @AfterAll
    static void close() {
        aws.close();
    }

    @Test
    void putThenReadStatisticsAndData() {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Dimension host = Dimension.builder().name("Host").value("h1").build();
        cw.putMetricData(b -> b.namespace("Test/Stats").metricData(
                datum("Latency", host, minute.plusSeconds(1), 10),
                datum("Latency", host, minute.plusSeconds(2), 30),
                datum("Latency", host, minute.minusSeconds(30), 5),
                MetricDatum.builder().metricName("Latency").dimensions(host).timestamp(minute.plusSeconds(3))
                        .statisticValues(s -> s.sampleCount(2.0).sum(40.0).minimum(15.0).maximum(25.0)).unit(StandardUnit.MILLISECONDS).build()));

        List<Datapoint> points = cw.getMetricStatistics(b -> b.namespace("Test/Stats").metricName("Latency").dimensions(host)
                .startTime(minute.minus(Duration.ofMinutes(5))).endTime(minute.plus(Duration.ofMinutes(1))).period(60)
                .statistics(Statistic.SUM, Statistic.AVERAGE, Statistic.MINIMUM, Statistic.MAXIMUM, Statistic.SAMPLE_COUNT)).datapoints();
        assertEquals(2, points.size(), points.toString());
        Datapoint current = points.stream().filter(p -> p.timestamp().equals(minute)).findFirst().orElseThrow();
        assertEquals(80.0, current.sum());
        assertEquals(4.0, current.sampleCount());
        assertEquals(20.0, current.average());
        assertEquals(10.0, current.minimum());
        assertEquals(30.0, current.maximum());
        assertEquals(StandardUnit.MILLISECONDS, current.unit());

        MetricDataResult data = cw.getMetricData(b -> b.startTime(minute.minus(Duration.ofMinutes(5))).endTime(minute.plus(Duration.ofMinutes(1)))
                .metricDataQueries(q -> q.id("lat").metricStat(s -> s.period(60).stat("Maximum")
                        .metric(m -> m.namespace("Test/Stats").metricName("Latency").dimensions(host))))).metricDataResults().get(0);
        assertEquals("lat", data.id());
        assertEquals(List.of(minute, minute.minusSeconds(60)), data.timestamps(), "newest first");
        assertEquals(List.of(30.0, 5.0), data.values());
    }

    @Test
    void listMetricsFiltersByNamespaceNameAndDimension() {
        cw.putMetricData(b -> b.namespace("Test/List").metricData(
                datum("A", Dimension.builder().name("Ep").value("one").build(), Instant.now(), 1),
                datum("A", Dimension.builder().name("Ep").value("two").build(), Instant.now(), 1),
                datum("B", Dimension.builder().name("Ep").value("one").build(), Instant.now(), 1)));
        assertEquals(3, cw.listMetrics(b -> b.namespace("Test/List")).metrics().size());
        assertEquals(2, cw.listMetrics(b -> b.namespace("Test/List").metricName("A")).metrics().size());
        var one = cw.listMetrics(b -> b.namespace("Test/List").dimensions(d -> d.name("Ep").value("one"))).metrics();
        assertEquals(List.of("A", "B"), one.stream().map(m -> m.metricName()).toList());
    }

    @Test
    void alarmGoesToAlarmOnStoredMetricsAndCanBeDeleted() throws InterruptedException {
        Dimension queue = Dimension.builder().name("Queue").value("q1").build();
        cw.putMetricAlarm(b -> b.alarmName("backlog-high").namespace("Test/Alarm").metricName("Backlog").dimensions(queue)
                .statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1).threshold(1.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
        MetricAlarm created = cw.describeAlarms(b -> b.alarmNames("backlog-high")).metricAlarms().get(0);
        assertEquals(StateValue.INSUFFICIENT_DATA, created.stateValue());
        assertEquals("arn:aws:cloudwatch:us-east-1:000000000000:alarm:backlog-high", created.alarmArn());

        StateValue state = null;
        for (int i = 0; i < 40 && state != StateValue.ALARM; i++) {
            cw.putMetricData(b -> b.namespace("Test/Alarm").metricData(datum("Backlog", queue, Instant.now(), 3)));
            Thread.sleep(100);
            state = cw.describeAlarms(b -> b.alarmNamePrefix("backlog")).metricAlarms().get(0).stateValue();
        }
        assertEquals(StateValue.ALARM, state);
        for (int i = 0; i < 40 && state == StateValue.ALARM; i++) {
            cw.putMetricData(b -> b.namespace("Test/Alarm").metricData(datum("Backlog", queue, Instant.now(), 0)));
            Thread.sleep(100);
            state = cw.describeAlarms(b -> b.alarmNames("backlog-high")).metricAlarms().get(0).stateValue();
        }
        assertEquals(StateValue.OK, state);

        cw.deleteAlarms(b -> b.alarmNames("backlog-high"));
        assertTrue(cw.describeAlarms(b -> b.alarmNames("backlog-high")).metricAlarms().isEmpty());
    }

    @Test
    void badRequestsGetClearErrors() {
        CloudWatchException reserved = assertThrows(CloudWatchException.class,
                () -> cw.putMetricData(b -> b.namespace("AWS/SageMaker").metricData(datum("X", null, Instant.now(), 1))));
        assertEquals(400, reserved.statusCode());
        assertEquals("InvalidParameterValue", reserved.awsErrorDetails().errorCode());
        CloudWatchException badStat = assertThrows(CloudWatchException.class,
                () -> cw.getMetricStatistics(b -> b.namespace("Test/X").metricName("X").startTime(Instant.now().minusSeconds(60))
                        .endTime(Instant.now()).period(60).extendedStatistics("p99")));
        assertEquals(400, badStat.statusCode());
        CloudWatchException unsupported = assertThrows(CloudWatchException.class, () -> cw.setAlarmState(b -> b.alarmName("x")
                .stateValue(StateValue.OK).stateReason("r")));
        assertEquals("UnknownOperationException", unsupported.awsErrorDetails().errorCode());
        assertTrue(unsupported.getMessage().contains("SetAlarmState"), unsupported.getMessage());
    }

    /** What the AWS CLI sends: JSON 1.0 with epoch-second timestamps; what it reads back uses epoch seconds too. */
    @Test
    void json10ForTheAwsCli(dev.workbench.local.LocalCloud local) throws Exception {
        long minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).getEpochSecond();
        var headers = java.util.Map.of("X-Amz-Target", "GraniteServiceVersion20100801.PutMetricData",
                "Content-Type", "application/x-amz-json-1.0");
        String put = "{\"Namespace\":\"Cli/Json\",\"MetricData\":[{\"MetricName\":\"Rows\",\"Timestamp\":" + (minute + 5)
                + ",\"Value\":4,\"Unit\":\"Count\"},{\"MetricName\":\"Rows\",\"Timestamp\":" + (minute + 6)
                + ".5,\"Values\":[1,2],\"Counts\":[2,1],\"Unit\":\"Count\"}]}";
        var putResponse = TestClients.signed(local.endpoint(), "monitoring", "POST", "/", headers, put.getBytes(java.nio.charset.StandardCharsets.UTF_8), "test");
        assertEquals(200, putResponse.statusCode(), putResponse.body());
        String get = "{\"Namespace\":\"Cli/Json\",\"MetricName\":\"Rows\",\"StartTime\":" + (minute - 60) + ",\"EndTime\":" + (minute + 60)
                + ",\"Period\":60,\"Statistics\":[\"Sum\",\"SampleCount\",\"Average\"]}";
        var reply = TestClients.signed(local.endpoint(), "monitoring", "POST", "/", java.util.Map.of(
                "X-Amz-Target", "GraniteServiceVersion20100801.GetMetricStatistics", "Content-Type", "application/x-amz-json-1.0"),
                get.getBytes(java.nio.charset.StandardCharsets.UTF_8), "test");
        assertEquals(200, reply.statusCode(), reply.body());
        var point = new com.fasterxml.jackson.databind.ObjectMapper().readTree(reply.body()).path("Datapoints").get(0);
        assertEquals(minute, point.path("Timestamp").asLong());
        assertEquals(8.0, point.path("Sum").asDouble());
        assertEquals(4.0, point.path("SampleCount").asDouble());
        assertEquals(2.0, point.path("Average").asDouble());
    }

    private static MetricDatum datum(String name, Dimension dimension, Instant time, double value) {
        MetricDatum.Builder b = MetricDatum.builder().metricName(name).timestamp(time).value(value).unit(StandardUnit.MILLISECONDS);
        if (dimension != null) {
            b.dimensions(dimension);
        }
        return b.build();
    }
}
