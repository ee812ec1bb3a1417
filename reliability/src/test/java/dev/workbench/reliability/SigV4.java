package dev.workbench.reliability;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small AWS Signature Version 4 signer for raw HTTP requests (header auth, signed payload hash). The path is
 * signed exactly as sent, which is what S3 does; the other services here only use "/".
 */
final class SigV4 {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private SigV4() {}

    /** A request builder with Host, X-Amz-Date, X-Amz-Content-Sha256 and Authorization set; extra headers are signed too. */
    static HttpRequest.Builder sign(String method, URI uri, String service, byte[] body, Map<String, String> headers,
            String accessKey, String secretKey) {
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
        String day = date.substring(0, 8);
        String scope = day + "/us-east-1/" + service + "/aws4_request";
        String payloadHash = hex(sha256(body));
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((k, v) -> signed.put(k.toLowerCase(), v.trim()));
        signed.put("host", uri.getHost() + ":" + uri.getPort());
        signed.put("x-amz-date", date);
        signed.put("x-amz-content-sha256", payloadHash);
        StringBuilder canonicalHeaders = new StringBuilder();
        signed.forEach((k, v) -> canonicalHeaders.append(k).append(':').append(v).append('\n'));
        String signedHeaders = String.join(";", signed.keySet());
        String query = uri.getRawQuery() == null ? "" : canonicalQuery(uri.getRawQuery());
        String canonical = method + "\n" + uri.getRawPath() + "\n" + query + "\n" + canonicalHeaders + "\n"
                + signedHeaders + "\n" + payloadHash;
        String toSign = "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n" + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, "us-east-1");
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, toSign));

        HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        signed.forEach((k, v) -> {
            if (!k.equals("host")) {
                b.header(k, v);
            }
        });
        b.header("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope + ", SignedHeaders="
                + signedHeaders + ", Signature=" + signature);
        return b;
    }

    private static String canonicalQuery(String raw) {
        TreeMap<String, String> params = new TreeMap<>();
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            params.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : part.substring(eq + 1));
        }
        StringBuilder s = new StringBuilder();
        params.forEach((k, v) -> s.append(s.length() == 0 ? "" : "&").append(k).append('=').append(v));
        return s.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
