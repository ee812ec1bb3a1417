package dev.workbench.core.cache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.workbench.api.WorkbenchException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One cached output row as a JSON object of column to value, column order and nulls kept. */
final class OutputCodec {
  private static final JsonFactory JSON = new JsonFactory();

  private OutputCodec() {
  }

  static String encode(Map<String, @Nullable String> values) {
    StringWriter out = new StringWriter(64);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      for (Map.Entry<String, @Nullable String> e : values.entrySet()) {
        g.writeFieldName(e.getKey());
        if (e.getValue() == null) {
          g.writeNull();
        } else {
          g.writeString(e.getValue());
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new WorkbenchException("Cannot encode a cache entry: " + e.getMessage(), e);
    }
    return out.toString();
  }

  static Map<String, @Nullable String> decode(String json) {
    Map<String, @Nullable String> values = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new WorkbenchException("Cache entry is not a JSON object: " + abbreviate(json));
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        values.put(name, t == JsonToken.VALUE_NULL ? null : p.getText());
      }
    } catch (IOException e) {
      throw new WorkbenchException("Cannot decode a cache entry " + abbreviate(json) + ": " + e.getMessage(), e);
    }
    return values;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
