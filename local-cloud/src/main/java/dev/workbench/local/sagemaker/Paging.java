package dev.workbench.local.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workbench.local.http.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** NextToken/MaxResults paging over an already filtered and sorted list. */
final class Paging {

    private Paging() {
    }

    record Page<T>(List<T> items, @Nullable String nextToken) {}

    static <T> Page<T> page(List<T> all, JsonNode request, int defaultMax, int min, int max) {
        int size = defaultMax;
        JsonNode maxResults = request.get("MaxResults");
        if (maxResults != null && !maxResults.isNull()) {
            size = maxResults.asInt();
            if (size < min) {
                throw AwsException.validation("1 validation error detected: Value '" + size
                        + "' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to " + min);
            }
            if (size > max) {
                throw AwsException.validation("1 validation error detected: Value '" + size
                        + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to " + max);
            }
        }
        int from = 0;
        String token = Json.text(request, "NextToken");
        if (token != null && !token.isEmpty()) {
            from = decode(token);
        }
        int to = Math.min(all.size(), from + size);
        List<T> items = from >= all.size() ? List.of() : all.subList(from, to);
        return new Page<>(items, to < all.size() ? encode(to) : null);
    }

    private static String encode(int offset) {
        return Base64.getEncoder().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token) {
        try {
            String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("offset:")) {
                int offset = Integer.parseInt(text.substring("offset:".length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw AwsException.validation("Invalid pagination token: " + token);
    }
}
