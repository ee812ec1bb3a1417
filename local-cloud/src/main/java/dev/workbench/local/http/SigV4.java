package dev.workbench.local.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * AWS Signature Version 4 for the non-S3 services: parses the Authorization header and recomputes the
 * signature from the canonical request, exactly as the SDKs and the AWS CLI build it.
 */
public final class SigV4 {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /** The parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}. */
    public record Authorization(String accessKey, String date, String region, String service,
                                List<String> signedHeaders, String signature) {

        public String scope() {
            return date + "/" + region + "/" + service + "/aws4_request";
        }
    }

    private SigV4() {
    }

    /** Empty when the header is not a SigV4 header at all; throws when it is one but malformed. */
    public static Optional<Authorization> parse(@Nullable String header) {
        if (header == null || !header.startsWith(ALGORITHM)) {
            return Optional.empty();
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : header.substring(ALGORITHM.length()).split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = p.substring(0, eq).trim();
            String value = p.substring(eq + 1).trim();
            switch (name) {
                case "Credential" -> credential = value;
                case "SignedHeaders" -> signedHeaders = value;
                case "Signature" -> signature = value;
                default -> { }
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            throw new AwsException(400, "IncompleteSignature",
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
        }
        return Optional.of(authorization(credential, signedHeaders, signature));
    }

    /** Reads the service name from a credential {@code AKID/date/region/service/aws4_request}. */
    public static Authorization authorization(String credential, String signedHeaders, String signature) {
        String[] scope = credential.split("/");
        if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
            throw new AwsException(400, "IncompleteSignature",
                    "Credential should be scoped to a valid region and service: 'AKID/yyyyMMdd/region/service/aws4_request'.");
        }
        return new Authorization(scope[0], scope[1], scope[2], scope[3], List.of(signedHeaders.split(";")), signature);
    }

    /**
     * Recomputes the signature and compares it in constant time.
     *
     * @param rawPath     the request path exactly as it came on the wire (still percent-encoded)
     * @param rawQuery    the query string exactly as it came, or null
     * @param headers     header values by lower-case name
     * @param payloadHash hex SHA-256 of the body, or the value of x-amz-content-sha256
     */
    public static boolean verify(Authorization auth, String secretKey, String method, String rawPath,
                                 @Nullable String rawQuery, Function<String, List<String>> headers,
                                 String amzDate, String payloadHash) {
        String canonical = method + "\n"
                + canonicalUri(rawPath) + "\n"
                + canonicalQuery(rawQuery) + "\n"
                + canonicalHeaders(auth.signedHeaders(), headers) + "\n"
                + String.join(";", auth.signedHeaders()) + "\n"
                + payloadHash;
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + auth.scope() + "\n" + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), auth.date());
        key = hmac(key, auth.region());
        key = hmac(key, auth.service());
        key = hmac(key, "aws4_request");
        String expected = HexFormat.of().formatHex(hmac(key, stringToSign));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                auth.signature().toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }

    /** Non-S3 services encode the (already encoded) path once more, segment by segment. */
    static String canonicalUri(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '/') {
                out.append('/');
            } else {
                out.append(encode(String.valueOf(c)));
            }
        }
        return out.toString();
    }

    static String canonicalQuery(@Nullable String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder();
        for (String[] pair : pairs) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    private static String canonicalHeaders(List<String> signed, Function<String, List<String>> headers) {
        StringBuilder out = new StringBuilder();
        for (String name : signed) {
            List<String> values = headers.apply(name);
            List<String> trimmed = new ArrayList<>(values.size());
            for (String v : values) {
                trimmed.add(v.trim().replaceAll(" +", " "));
            }
            out.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        return out.toString();
    }

    /** RFC 3986 encoding: unreserved characters stay, every other byte becomes %XX (upper case). */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Percent-decoding where '+' means a space, as in form bodies and query strings. */
    public static String decode(String value) {
        try {
            return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AwsException(400, "MalformedQueryString", "Malformed percent-encoding in '" + value + "'");
        }
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Splits a query string into decoded parameters (repeated names keep every value, in order). */
    public static Map<String, List<String>> parseQuery(@Nullable String rawQuery) {
        Map<String, List<String>> params = new java.util.LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = decode(eq < 0 ? part : part.substring(0, eq));
            String value = eq < 0 ? "" : decode(part.substring(eq + 1));
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }
}
