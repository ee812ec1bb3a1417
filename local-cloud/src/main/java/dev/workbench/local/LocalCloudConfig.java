package dev.workbench.local;

import dev.workbench.local.spi.FaultSettings;
import dev.workbench.local.spi.Timing;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How a local cloud runs.
 *
 * @param port     0 picks a free port
 * @param dataDir  where buckets, state and metrics live; default {@code ~/.workbench/local}
 * @param faults   the fault settings at start; a {@code faults.json} in the data directory overrides "none"
 * @param quotas   Service Quotas of the account by quota name (e.g. {@code "ml.m5.large for endpoint usage"} -> 4);
 *                 none by default, so a client finds no quota to check against, as with one it may not read
 */
public record LocalCloudConfig(int port, Path dataDir, String accessKey, String secretKey, String region,
                               String accountId, Timing timing, FaultSettings faults, Map<String, Double> quotas) {

    public LocalCloudConfig {
        quotas = Map.copyOf(quotas);
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        requireText(accessKey, "accessKey");
        requireText(secretKey, "secretKey");
        requireText(region, "region");
        if (!accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("accountId must be 12 digits, got '" + accountId + "'");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static LocalCloudConfig defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder().port(port).dataDir(dataDir).accessKey(accessKey).secretKey(secretKey).region(region)
                .accountId(accountId).timing(timing).faults(faults).quotas(quotas);
    }

    /** The default data directory, {@code ~/.workbench/local}. */
    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".workbench", "local");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "LocalCloudConfig[port=" + port + ", dataDir=" + dataDir + ", accessKey=" + accessKey + ", region=" + region
                + ", accountId=" + accountId + ", timing=" + timing + ", faults=" + faults + "]";
    }

    public static final class Builder {
        private int port = 0;
        private Path dataDir = defaultDataDir();
        private String accessKey = "test";
        private String secretKey = "test";
        private String region = "us-east-1";
        private String accountId = "000000000000";
        private Timing timing = Timing.defaults();
        private FaultSettings faults = FaultSettings.none();
        private Map<String, Double> quotas = Map.of();

        private Builder() {
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder accessKey(String accessKey) {
            this.accessKey = accessKey;
            return this;
        }

        public Builder secretKey(String secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        public Builder timing(Timing timing) {
            this.timing = timing;
            return this;
        }

        public Builder faults(FaultSettings faults) {
            this.faults = faults;
            return this;
        }

        /** SageMaker quotas the local Service Quotas answers, by name (e.g. "ml.m5.large for endpoint usage"). */
        public Builder quotas(Map<String, Double> quotas) {
            this.quotas = Map.copyOf(quotas);
            return this;
        }

        public LocalCloudConfig build() {
            return new LocalCloudConfig(port, dataDir, accessKey, secretKey, region, accountId, timing, faults, quotas);
        }
    }
}
