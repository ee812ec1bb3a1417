package dev.workbench.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.http.AwsException;
import dev.workbench.local.http.AwsRequest;
import dev.workbench.local.http.AwsResponse;
import dev.workbench.local.http.AwsService;
import dev.workbench.local.http.SigV4;
import dev.workbench.local.spi.CloudStats;
import dev.workbench.local.spi.StateStore;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch ({@code monitoring}) in two protocols on one implementation: awsQuery (the Java SDK 2.40.2:
 * form POST, XML replies) and JSON 1.0 (the AWS CLI: {@code X-Amz-Target: GraniteServiceVersion20100801.<Op>}).
 */
public final class CloudWatchService implements AwsService {

    private static final String TARGET_PREFIX = "GraniteServiceVersion20100801.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetricOps metrics;
    private final AlarmOps alarms;
    private final CloudStats stats;

    public CloudWatchService(MetricStore store, StateStore state, Clock clock, String region, String accountId, CloudStats stats) {
        this.metrics = new MetricOps(store, clock);
        this.alarms = new AlarmOps(state, clock, region, accountId);
        this.stats = stats;
    }

    @Override
    public String signingName() {
        return "monitoring";
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        String target = request.header("X-Amz-Target").orElse(null);
        if (target != null) {
            if (!target.startsWith(TARGET_PREFIX)) {
                throw new AwsException(400, "UnknownOperationException", "Unknown operation " + target);
            }
            String op = target.substring(TARGET_PREFIX.length());
            return Replies.json(dispatch(op, jsonBody(request)));
        }
        if (request.path().startsWith("/service/")) {
            throw new AwsException(400, "UnknownOperationException",
                    "The Smithy RPC v2 CBOR protocol is not supported by the local cloud yet; use an AWS SDK that speaks awsQuery or JSON 1.0");
        }
        Map<String, List<String>> params = new LinkedHashMap<>(request.query());
        String contentType = request.header("Content-Type").orElse("");
        if (request.body().length > 0) {
            if (!contentType.startsWith("application/x-www-form-urlencoded")) {
                throw new AwsException(400, "InvalidParameterValue", "Expected a form body (application/x-www-form-urlencoded), got '"
                        + contentType + "'");
            }
            SigV4.parseQuery(request.bodyText()).forEach((k, v) -> params.computeIfAbsent(k, x -> new java.util.ArrayList<>()).addAll(v));
        }
        List<String> action = params.get("Action");
        if (action == null || action.isEmpty() || action.get(0).isEmpty()) {
            throw new AwsException(400, "MissingAction", "The request must contain the parameter Action.");
        }
        String op = action.get(0);
        return Replies.xml(op, dispatch(op, QueryForm.toTree(params)), request.requestId());
    }

    private ObjectNode dispatch(String op, JsonNode body) {
        ObjectNode result = switch (op) {
            case "PutMetricData" -> metrics.putMetricData(body);
            case "GetMetricData" -> metrics.getMetricData(body);
            case "GetMetricStatistics" -> metrics.getMetricStatistics(body);
            case "ListMetrics" -> metrics.listMetrics(body);
            case "PutMetricAlarm" -> alarms.putMetricAlarm(body);
            case "DescribeAlarms" -> alarms.describeAlarms(body);
            case "DeleteAlarms" -> alarms.deleteAlarms(body);
            default -> throw new AwsException(400, "UnknownOperationException",
                    "The local cloud's CloudWatch does not support the operation " + op);
        };
        stats.count("monitoring." + op);
        return result;
    }

    private static JsonNode jsonBody(AwsRequest request) {
        if (request.body().length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw new AwsException(400, "SerializationException", "The request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new AwsException(400, "SerializationException", "The request body is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
