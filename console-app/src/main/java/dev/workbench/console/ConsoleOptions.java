package dev.workbench.console;

import dev.workbench.console.service.ConnectionRequest;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Command-line options: {@code --local} (default without AWS credentials), {@code --endpoint-url URL},
 * {@code --profile P}, {@code --region R}, {@code --fast} (short local-cloud timing), {@code --data-dir D},
 * {@code --screenshots DIR}.
 */
public record ConsoleOptions(ConnectionRequest.@Nullable Kind kind, @Nullable String endpointUrl, @Nullable String profile,
    @Nullable String region, boolean fast, @Nullable Path dataDir, @Nullable Path screenshots) {

  public static ConsoleOptions parse(List<String> args) {
    ConnectionRequest.Kind kind = null;
    String url = null;
    String profile = null;
    String region = null;
    boolean fast = false;
    Path dataDir = null;
    Path shots = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--local" -> kind = ConnectionRequest.Kind.LOCAL;
        case "--endpoint-url" -> { kind = ConnectionRequest.Kind.URL; url = value(args, ++i, a); }
        case "--profile" -> { kind = ConnectionRequest.Kind.AWS; profile = value(args, ++i, a); }
        case "--region" -> region = value(args, ++i, a);
        case "--fast" -> fast = true;
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, a));
        case "--screenshots" -> { shots = Path.of(value(args, ++i, a)); fast = true; kind = ConnectionRequest.Kind.LOCAL; }
        default -> throw new IllegalArgumentException("unknown option " + a
            + " (use --local, --endpoint-url URL, --profile P, --region R, --fast, --data-dir D, --screenshots DIR)");
      }
    }
    return new ConsoleOptions(kind, url, profile, region, fast, dataDir, shots);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(i);
  }
}
