package dev.workbench.local.http;

import java.util.Map;

/**
 * An AWS error for the client. The server renders it in the protocol of the request
 * (JSON 1.0/1.1 {@code __type}, REST-JSON with {@code x-amzn-ErrorType}, or awsQuery XML).
 *
 * @param extraFields extra members of the JSON error body (for example ModelError's OriginalStatusCode)
 */
public final class AwsException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, Object> extraFields;

    public AwsException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public AwsException(int status, String code, String message, Map<String, Object> extraFields) {
        super(message);
        this.status = status;
        this.code = code;
        this.extraFields = Map.copyOf(extraFields);
    }

    public static AwsException validation(String message) {
        return new AwsException(400, "ValidationException", message);
    }

    public int status() { return status; }
    public String code() { return code; }
    public Map<String, Object> extraFields() { return extraFields; }
}
