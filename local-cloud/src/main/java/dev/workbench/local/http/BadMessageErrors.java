package dev.workbench.local.http;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Replies to requests Jetty refuses before any service sees them (a path climbing above the root, a header section
 * too large) with an S3-style XML error instead of an HTML page. Jetty closes the connection after such a reply, so
 * the reply says {@code Connection: close}: without it a client would put the connection back in its pool and its
 * next request would find the socket gone.
 */
final class BadMessageErrors extends ErrorHandler {

    private static final HttpField CLOSE = new HttpField(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE);
    private static final HttpField XML = new HttpField(HttpHeader.CONTENT_TYPE, "application/xml");

    BadMessageErrors() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        response.getHeaders().put(XML);
        response.getHeaders().put(CLOSE);
        response.write(true, body(code, message), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(XML);
        fields.put(CLOSE);
        return body(status, reason);
    }

    private static ByteBuffer body(int status, String reason) {
        String code = code(status, reason);
        AwsException error = new AwsException(status, code, message(code));
        return ByteBuffer.wrap(ErrorRenderer.s3(error, UUID.randomUUID().toString()).body());
    }

    /** The codes S3 gives for the same refusals. */
    static String code(int status, String reason) {
        String lower = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        return switch (status) {
            case 400 -> lower.contains("header") ? "InvalidRequest" : "InvalidURI";
            case 413 -> "EntityTooLarge";
            case 414 -> "InvalidURI";
            case 431 -> "RequestHeaderSectionTooLarge";
            default -> status >= 500 ? "InternalError" : "InvalidRequest";
        };
    }

    private static String message(String code) {
        return switch (code) {
            case "InvalidURI" -> "Couldn't parse the specified URI.";
            case "EntityTooLarge" -> "Your proposed upload exceeds the maximum allowed size.";
            case "RequestHeaderSectionTooLarge" -> "Your request header section exceeds the maximum allowed size.";
            case "InternalError" -> "We encountered an internal error. Please try again.";
            default -> "The request could not be read as HTTP.";
        };
    }
}
