package dev.workbench.local.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders an {@link AwsException} the way the client's protocol expects to read it. */
public final class ErrorRenderer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUERY_NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    private ErrorRenderer() {
    }

    public static AwsResponse render(AwsException error, WireProtocol protocol, String requestId, String contentTypeOfRequest) {
        return switch (protocol) {
            case JSON, REST_JSON -> json(error, protocol, contentTypeOfRequest);
            case QUERY -> query(error, requestId);
            case S3_XML -> s3(error, requestId);
        };
    }

    private static AwsResponse json(AwsException error, WireProtocol protocol, String requestContentType) {
        ObjectNode body = JSON.createObjectNode();
        if (protocol == WireProtocol.JSON) {
            body.put("__type", error.code());
        }
        body.put("message", error.getMessage());
        if (protocol == WireProtocol.REST_JSON) {
            body.put("Message", error.getMessage());
        }
        error.extraFields().forEach((k, v) -> body.set(k, JSON.valueToTree(v)));
        String contentType = protocol == WireProtocol.REST_JSON ? "application/json"
                : requestContentType.startsWith("application/x-amz-json") ? requestContentType : "application/x-amz-json-1.1";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("x-amzn-ErrorType", error.code());
        return new AwsResponse(error.status(), headers, bytes(body));
    }

    private static AwsResponse query(AwsException error, String requestId) {
        String type = error.status() >= 500 ? "Receiver" : "Sender";
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"" + QUERY_NAMESPACE + "\">"
                + "<Error><Type>" + type + "</Type><Code>" + Xml.escape(error.code()) + "</Code><Message>"
                + Xml.escape(message(error)) + "</Message></Error><RequestId>" + Xml.escape(requestId) + "</RequestId></ErrorResponse>";
        return AwsResponse.of(error.status(), "text/xml", xml).withHeader("x-amzn-ErrorType", error.code());
    }

    public static AwsResponse s3(AwsException error, String requestId) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + Xml.escape(error.code()) + "</Code><Message>"
                + Xml.escape(message(error)) + "</Message><RequestId>" + Xml.escape(requestId) + "</RequestId></Error>";
        return AwsResponse.of(error.status(), "application/xml", xml);
    }

    private static String message(AwsException error) {
        String message = error.getMessage();
        return message == null ? error.code() : message;
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return ("{\"message\":\"error\"}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
