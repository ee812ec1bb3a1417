package dev.workbench.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.workbench.local.http.AwsException;
import dev.workbench.local.http.AwsRequest;
import dev.workbench.local.http.AwsResponse;
import dev.workbench.local.http.AwsService;
import dev.workbench.local.http.JsonBodies;
import dev.workbench.local.spi.CloudStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** CloudWatch Logs (JSON 1.1, target prefix {@code Logs_20140328}); timestamps are epoch milliseconds. */
public final class LogsService implements AwsService {

    private static final String TARGET_PREFIX = "Logs_20140328.";
    private static final Pattern GROUP_NAME = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");
    private static final Pattern STREAM_NAME = Pattern.compile("[^:*]{1,512}");
    /** FilterLogEvents and GetLogEvents answer at most this many events per call, as CloudWatch does. */
    private static final int MAX_EVENTS = 10_000;

    private final LogStore store;
    private final String region;
    private final String accountId;
    private final CloudStats stats;
    private final Map<String, Function<ObjectNode, ObjectNode>> operations;

    public LogsService(LogStore store, String region, String accountId, CloudStats stats) {
        this.store = store;
        this.region = region;
        this.accountId = accountId;
        this.stats = stats;
        this.operations = Map.of(
                "CreateLogGroup", this::createLogGroup,
                "CreateLogStream", this::createLogStream,
                "DeleteLogGroup", this::deleteLogGroup,
                "DescribeLogGroups", this::describeLogGroups,
                "DescribeLogStreams", this::describeLogStreams,
                "GetLogEvents", this::getLogEvents,
                "FilterLogEvents", this::filterLogEvents,
                "PutLogEvents", this::putLogEvents);
    }

    @Override
    public String signingName() {
        return "logs";
    }

    @Override
    public AwsResponse handle(AwsRequest request) {
        String target = request.header("X-Amz-Target").orElse("");
        String op = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : "";
        Function<ObjectNode, ObjectNode> operation = operations.get(op);
        if (operation == null) {
            throw new AwsException(400, "UnknownOperationException", "The operation '" + (op.isEmpty() ? target : op)
                    + "' is not supported by local-cloud's CloudWatch Logs (it serves " + new java.util.TreeSet<>(operations.keySet()) + ").");
        }
        stats.count("logs." + op);
        return JsonBodies.reply(operation.apply(JsonBodies.body(request)));
    }

    private ObjectNode createLogGroup(ObjectNode in) {
        store.createGroup(groupName(in, "logGroupName"));
        return JsonBodies.MAPPER.createObjectNode();
    }

    private ObjectNode createLogStream(ObjectNode in) {
        store.createStream(groupName(in, "logGroupName"), streamName(in));
        return JsonBodies.MAPPER.createObjectNode();
    }

    private ObjectNode deleteLogGroup(ObjectNode in) {
        store.deleteGroup(groupName(in, "logGroupName"));
        return JsonBodies.MAPPER.createObjectNode();
    }

    private ObjectNode describeLogGroups(ObjectNode in) {
        String prefix = in.path("logGroupNamePrefix").asText("");
        String pattern = in.path("logGroupNamePattern").asText("");
        List<LogStore.Group> groups = store.groups(prefix).stream()
                .filter(g -> pattern.isEmpty() || g.name().contains(pattern)).toList();
        ObjectNode out = JsonBodies.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("logGroups");
        for (LogStore.Group g : page(groups, in, out)) {
            ObjectNode o = list.addObject();
            o.put("logGroupName", g.name());
            o.put("creationTime", g.created());
            o.put("metricFilterCount", 0);
            o.put("arn", groupArn(g.name()) + ":*");
            o.put("logGroupArn", groupArn(g.name()));
            o.put("storedBytes", g.storedBytes());
            o.put("logGroupClass", "STANDARD");
        }
        return out;
    }

    private ObjectNode describeLogStreams(ObjectNode in) {
        String group = groupOf(in);
        String orderBy = in.path("orderBy").asText("LogStreamName");
        if (!orderBy.equals("LogStreamName") && !orderBy.equals("LastEventTime")) {
            throw invalid("1 validation error detected: Value '" + orderBy + "' at 'orderBy' failed to satisfy constraint:"
                    + " Member must satisfy enum value set: [LogStreamName, LastEventTime]");
        }
        String prefix = in.path("logStreamNamePrefix").asText("");
        if (!prefix.isEmpty() && orderBy.equals("LastEventTime")) {
            throw invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        List<LogStore.Stream> streams = store.streams(group, prefix, orderBy.equals("LastEventTime"),
                in.path("descending").asBoolean(false));
        ObjectNode out = JsonBodies.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("logStreams");
        for (LogStore.Stream s : page(streams, in, out)) {
            ObjectNode o = list.addObject();
            o.put("logStreamName", s.name());
            o.put("creationTime", s.created());
            putIfSet(o, "firstEventTimestamp", s.firstEvent());
            putIfSet(o, "lastEventTimestamp", s.lastEvent());
            putIfSet(o, "lastIngestionTime", s.lastIngestion());
            o.put("arn", groupArn(group) + ":log-stream:" + s.name());
            o.put("storedBytes", s.storedBytes());
        }
        return out;
    }

    private ObjectNode getLogEvents(ObjectNode in) {
        String group = groupOf(in);
        String stream = streamName(in);
        String token = in.path("nextToken").asText("");
        Long after = null;
        Long before = null;
        if (!token.isEmpty()) {
            long position = tokenNumber(token.substring(Math.min(2, token.length())));
            if (token.startsWith("f/")) {
                after = position;
            } else if (token.startsWith("b/")) {
                before = position;
            } else {
                throw invalid("The specified nextToken is invalid.");
            }
        }
        int limit = limit(in, MAX_EVENTS);
        List<LogStore.Event> events = store.streamEvents(group, stream, time(in, "startTime"), time(in, "endTime"), after,
                before, in.path("startFromHead").asBoolean(false), limit);
        ObjectNode out = JsonBodies.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("events");
        events.forEach(e -> event(list.addObject(), e));
        // Readers follow nextForwardToken until it comes back unchanged: at the end it stays where it was.
        long forward = events.isEmpty() ? (after != null ? after : before != null ? before - 1 : 0) : events.get(events.size() - 1).id();
        long backward = events.isEmpty() ? (before != null ? before : after != null ? after + 1 : 1) : events.get(0).id();
        out.put("nextForwardToken", "f/" + forward);
        out.put("nextBackwardToken", "b/" + backward);
        return out;
    }

    private ObjectNode filterLogEvents(ObjectNode in) {
        String group = groupOf(in);
        List<String> streams = new ArrayList<>();
        in.path("logStreamNames").forEach(n -> streams.add(n.asText()));
        String prefix = in.hasNonNull("logStreamNamePrefix") ? in.get("logStreamNamePrefix").asText() : null;
        if (!streams.isEmpty() && prefix != null) {
            throw invalid("You cannot specify both logStreamNames and logStreamNamePrefix.");
        }
        FilterPattern pattern = FilterPattern.parse(in.path("filterPattern").asText(""));
        long afterTs = Long.MIN_VALUE;
        long afterId = Long.MIN_VALUE;
        String token = in.path("nextToken").asText("");
        if (!token.isEmpty()) {
            String[] parts = token.split(":");
            if (parts.length != 2) {
                throw invalid("The specified nextToken is invalid.");
            }
            afterTs = tokenNumber(parts[0]);
            afterId = tokenNumber(parts[1]);
        }
        int limit = limit(in, MAX_EVENTS);
        List<LogStore.Event> events = store.filter(group, streams, prefix, time(in, "startTime"), time(in, "endTime"),
                afterTs, afterId, pattern, limit + 1);
        boolean more = events.size() > limit;
        if (more) {
            events = events.subList(0, limit);
        }
        ObjectNode out = JsonBodies.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("events");
        for (LogStore.Event e : events) {
            ObjectNode o = list.addObject();
            o.put("logStreamName", e.stream());
            event(o, e);
            o.put("eventId", Long.toString(e.id()));
        }
        ArrayNode searched = out.putArray("searchedLogStreams");
        for (String s : streams) {
            ObjectNode o = searched.addObject();
            o.put("logStreamName", s);
            o.put("searchedCompletely", !more);
        }
        if (more) {
            LogStore.Event last = events.get(events.size() - 1);
            out.put("nextToken", last.timestamp() + ":" + last.id());
        }
        return out;
    }

    private ObjectNode putLogEvents(ObjectNode in) {
        String group = groupName(in, "logGroupName");
        String stream = streamName(in);
        JsonNode events = in.path("logEvents");
        if (!events.isArray() || events.isEmpty() || events.size() > 10_000) {
            throw invalid("1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have"
                    + " length between 1 and 10000");
        }
        List<Long> times = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (JsonNode e : events) {
            if (!e.path("timestamp").canConvertToLong() || !e.path("message").isTextual()) {
                throw invalid("Each log event needs a timestamp (epoch milliseconds) and a message.");
            }
            long ts = e.path("timestamp").asLong();
            if (ts < previous) {
                throw invalid("Log events in a single PutLogEvents request must be in chronological order.");
            }
            previous = ts;
            times.add(ts);
            messages.add(e.path("message").asText());
        }
        store.putEvents(group, stream, times, messages);
        return JsonBodies.MAPPER.createObjectNode();
    }

    /** logGroupName, or logGroupIdentifier (a name or an ARN); not both. */
    private String groupOf(ObjectNode in) {
        if (in.hasNonNull("logGroupIdentifier")) {
            if (in.hasNonNull("logGroupName")) {
                throw invalid("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
            }
            String id = in.get("logGroupIdentifier").asText();
            if (id.startsWith("arn:")) {
                int at = id.indexOf(":log-group:");
                if (at < 0) {
                    throw invalid("Invalid log group ARN: " + id);
                }
                id = id.substring(at + ":log-group:".length());
                id = id.endsWith(":*") ? id.substring(0, id.length() - 2) : id;
            }
            return id;
        }
        return groupName(in, "logGroupName");
    }

    private static String groupName(ObjectNode in, String member) {
        String name = in.path(member).asText("");
        if (name.isEmpty()) {
            throw invalid("1 validation error detected: Value null at '" + member + "' failed to satisfy constraint:"
                    + " Member must not be null");
        }
        if (!GROUP_NAME.matcher(name).matches()) {
            throw invalid("1 validation error detected: Value '" + name + "' at '" + member + "' failed to satisfy"
                    + " constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
        }
        return name;
    }

    private static String streamName(ObjectNode in) {
        String name = in.path("logStreamName").asText("");
        if (name.isEmpty() || !STREAM_NAME.matcher(name).matches()) {
            throw invalid("1 validation error detected: Value '" + name + "' at 'logStreamName' failed to satisfy"
                    + " constraint: Member must satisfy regular expression pattern: [^:*]*");
        }
        return name;
    }

    private String groupArn(String group) {
        return "arn:aws:logs:" + region + ":" + accountId + ":log-group:" + group;
    }

    private static @Nullable Long time(ObjectNode in, String member) {
        JsonNode v = in.get(member);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToLong() || v.asLong() < 0) {
            throw invalid("1 validation error detected: Value '" + v.asText() + "' at '" + member + "' failed to satisfy"
                    + " constraint: Member must have value greater than or equal to 0");
        }
        return v.asLong();
    }

    private static int limit(ObjectNode in, int max) {
        JsonNode v = in.get("limit");
        if (v == null || v.isNull()) {
            return max;
        }
        int limit = v.asInt();
        if (limit < 1 || limit > max) {
            throw invalid("1 validation error detected: Value '" + v.asText() + "' at 'limit' failed to satisfy constraint:"
                    + " Member must have value between 1 and " + max);
        }
        return limit;
    }

    /** The page the request's nextToken and limit (1..50) select; the next page's token goes into {@code out}. */
    private static <T> List<T> page(List<T> all, ObjectNode in, ObjectNode out) {
        String token = in.path("nextToken").asText("");
        int from = token.isEmpty() ? 0 : (int) tokenNumber(token);
        int limit = limit(in, 50);
        if (from + limit < all.size()) {
            out.put("nextToken", Integer.toString(from + limit));
        }
        return all.subList(Math.min(from, all.size()), Math.min(all.size(), from + limit));
    }

    private static long tokenNumber(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid("The specified nextToken is invalid.");
        }
    }

    private static void event(ObjectNode o, LogStore.Event e) {
        o.put("timestamp", e.timestamp());
        o.put("message", e.message());
        o.put("ingestionTime", e.ingestion());
    }

    private static void putIfSet(ObjectNode o, String field, @Nullable Long value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private static AwsException invalid(String message) {
        return new AwsException(400, "InvalidParameterException", message);
    }
}
