package dev.workbench.local.http;

import dev.workbench.local.s3.BucketNames;
import dev.workbench.local.s3.S3Keys;
import dev.workbench.local.s3.S3Operations;
import dev.workbench.local.spi.CloudStats;
import dev.workbench.local.spi.FaultInjector;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request on the port comes here and is routed by the SigV4 credential scope's service name:
 * {@code s3} goes to s3proxy (which checks S3 signatures itself); every other name goes to the
 * {@link AwsService} registered for it, after this servlet has verified the signature.
 */
public final class RoutingServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingServlet.class);
    /** Bodies refused for their size are read and dropped up to this many bytes, so the client gets the refusal. */
    private static final long DRAIN_LIMIT = 64L << 20;

    private final String accessKey;
    private final String secretKey;
    private final Map<String, AwsService> services;
    private final HttpServlet s3;
    private final CloudStats stats;
    private final FaultInjector faults;
    private final AdminHandler admin;
    private final int maxBodyBytes;

    public RoutingServlet(String accessKey, String secretKey, Map<String, AwsService> services, HttpServlet s3,
                          CloudStats stats, FaultInjector faults, AdminHandler admin, int maxBodyBytes) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.services = Map.copyOf(services);
        this.s3 = s3;
        this.stats = stats;
        this.faults = faults;
        this.admin = admin;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void init() throws jakarta.servlet.ServletException {
        s3.init(getServletConfig());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String rawPath = request.getRequestURI();
        String rawQuery = request.getQueryString();
        String target = request.getHeader("X-Amz-Target");
        String contentType = Optional.ofNullable(request.getContentType()).orElse("");
        String service = "";
        WireProtocol protocol = WireProtocol.detect("", rawPath, target, contentType);
        try {
            if (rawPath.startsWith("/_local/")) {
                byte[] body = readBody(request, maxBodyBytes);
                write(response, admin.handle(request.getMethod(), rawPath, body), requestId);
                return;
            }
            String authorization = request.getHeader("Authorization");
            Optional<SigV4.Authorization> auth = SigV4.parse(authorization);
            service = auth.map(SigV4.Authorization::service).orElse("");
            Map<String, List<String>> query = SigV4.parseQuery(rawQuery);
            boolean s3Auth = service.equals("s3")
                    || (authorization != null && authorization.startsWith("AWS "))
                    || (auth.isEmpty() && query.containsKey("X-Amz-Credential") && credentialService(query).equals("s3"))
                    || (auth.isEmpty() && query.containsKey("AWSAccessKeyId"));
            boolean anonymousS3 = auth.isEmpty() && authorization == null && target == null
                    && !rawPath.startsWith("/endpoints/") && !contentType.startsWith("application/x-www-form-urlencoded")
                    && !contentType.startsWith("application/x-amz-json");
            if (s3Auth || anonymousS3) {
                // Anonymous requests go to s3proxy too: it answers them with S3's own AccessDenied.
                serveS3(request, response, rawPath, query, requestId);
                return;
            }
            protocol = WireProtocol.detect(service, rawPath, target, contentType);
            if (auth.isEmpty()) {
                throw new AwsException(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
            }
            AwsService handler = services.get(service);
            if (handler == null) {
                throw new AwsException(400, "UnknownServiceException", "The local cloud does not emulate the service '"
                        + service + "' (it serves s3 and " + new java.util.TreeSet<>(services.keySet()) + ")");
            }
            byte[] body = readBody(request, maxBodyBytes);
            authenticate(auth.get(), request, rawPath, rawQuery, body, protocol);
            AwsRequest awsRequest = new AwsRequest(request.getMethod(), decodePath(rawPath), query, headers(request), body,
                    service, auth.get().region(), auth.get().accessKey(), requestId);
            write(response, handler.handle(awsRequest), requestId);
        } catch (AwsException e) {
            write(response, ErrorRenderer.render(e, protocol, requestId, contentType), requestId);
        } catch (RuntimeException e) {
            // The client gets an AWS-shaped 500 without internals; the log keeps the stack for us.
            LOG.warn("Request {} {} (service '{}') failed", request.getMethod(), rawPath, service, e);
            AwsException failure = new AwsException(500, protocol == WireProtocol.QUERY ? "InternalFailure" : "InternalFailure",
                    "The local cloud failed to process the request: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            if (!response.isCommitted()) {
                write(response, ErrorRenderer.render(failure, protocol, requestId, contentType), requestId);
            }
        }
    }

    private void serveS3(HttpServletRequest request, HttpServletResponse response, String rawPath,
                         Map<String, List<String>> query, String requestId) throws IOException {
        Optional<String> unsafe = S3Keys.unsafePath(rawPath);
        if (unsafe.isPresent()) {
            stats.count("s3.Refused");
            write(response, ErrorRenderer.s3(new AwsException(400, "InvalidArgument", unsafe.get()), requestId), requestId);
            return;
        }
        if (faults.s3SlowDown()) {
            stats.count("s3.SlowDown");
            AwsResponse slowDown = ErrorRenderer.s3(new AwsException(503, "SlowDown", "Please reduce your request rate."), requestId);
            write(response, slowDown, requestId);
            return;
        }
        String operation = S3Operations.name(request.getMethod(), rawPath, query, request.getHeader("x-amz-copy-source") != null);
        stats.count("s3." + operation);
        if (operation.equals("CreateBucket")) {
            String bucket = URLDecoder.decode(rawPath.replaceAll("^/+|/+$", "").replace("+", "%2B"), StandardCharsets.UTF_8);
            Optional<String> invalid = BucketNames.invalid(bucket);
            if (invalid.isPresent()) {
                write(response, ErrorRenderer.s3(new AwsException(400, "InvalidBucketName",
                        "The specified bucket is not valid: " + invalid.get() + " ('" + bucket + "')."), requestId), requestId);
                return;
            }
        }
        response.setHeader("x-amz-request-id", requestId);
        try {
            s3.service(request, response);
        } catch (jakarta.servlet.ServletException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void authenticate(SigV4.Authorization auth, HttpServletRequest request, String rawPath, @Nullable String rawQuery,
                              byte[] body, WireProtocol protocol) {
        if (!auth.accessKey().equals(accessKey)) {
            throw new AwsException(403, protocol == WireProtocol.QUERY ? "InvalidClientTokenId" : "UnrecognizedClientException",
                    "The security token included in the request is invalid.");
        }
        String amzDate = request.getHeader("X-Amz-Date");
        if (amzDate == null) {
            throw new AwsException(400, "IncompleteSignature", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        String declaredHash = request.getHeader("x-amz-content-sha256");
        String payloadHash = declaredHash != null ? declaredHash : SigV4.sha256Hex(body);
        if (declaredHash != null && !declaredHash.equals("UNSIGNED-PAYLOAD") && !declaredHash.equals(SigV4.sha256Hex(body))) {
            throw new AwsException(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        boolean valid = SigV4.verify(auth, secretKey, request.getMethod(), rawPath, rawQuery,
                name -> Collections.list(request.getHeaders(name)), amzDate, payloadHash);
        if (!valid) {
            throw new AwsException(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the "
                    + "signature you provided. Check your AWS Secret Access Key and signing method.");
        }
    }

    private static String credentialService(Map<String, List<String>> query) {
        String[] scope = query.get("X-Amz-Credential").get(0).split("/");
        return scope.length == 5 ? scope[3] : "";
    }

    private static byte[] readBody(HttpServletRequest request, int max) throws IOException {
        long declared = request.getContentLengthLong();
        try (InputStream in = request.getInputStream()) {
            if (declared > max) {
                throw refused(in, declared, max);
            }
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                throw refused(in, -1, max);
            }
            return body;
        }
    }

    /**
     * A body over the limit, read to its end (up to {@link #DRAIN_LIMIT}) and dropped, never held. Closing a
     * connection with bytes still unread makes the kernel reset it, and the reset can destroy the refusal before the
     * client, still sending, reads it.
     */
    private static AwsException refused(InputStream in, long declared, int max) throws IOException {
        if (declared <= DRAIN_LIMIT) {
            byte[] sink = new byte[64 * 1024];
            long left = DRAIN_LIMIT;
            for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0; ) {
                left -= n;
            }
        }
        return tooLarge(declared, max);
    }

    private static AwsException tooLarge(long size, int max) {
        return new AwsException(413, "RequestEntityTooLarge", "Request body " + (size >= 0 ? "of " + size + " bytes " : "")
                + "exceeds the local cloud's limit of " + max + " bytes");
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(java.util.Locale.ROOT), new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        return headers;
    }

    private static String decodePath(String rawPath) {
        try {
            return java.net.URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AwsException(400, "ValidationException", "Malformed percent-encoding in the request path");
        }
    }

    private static void write(HttpServletResponse response, AwsResponse reply, String requestId) throws IOException {
        response.setStatus(reply.status());
        reply.headers().forEach(response::setHeader);
        response.setHeader("x-amzn-RequestId", requestId);
        response.setContentLength(reply.body().length);
        response.getOutputStream().write(reply.body());
    }
}
