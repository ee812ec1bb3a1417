package dev.workbench.core.aws;

import dev.workbench.api.WorkbenchException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The Workbench artifacts bucket. Named {@code workbench-<account>-<region>} when the account is known
 * (STS, on AWS), else {@code workbench-artifacts-<region>} (with an endpoint URL such as local-cloud, which has no
 * account to ask for): the name only depends on things that stay the same between runs, so a later process finds
 * the same bucket.
 */
public final class Buckets {
  private static final Logger LOG = LoggerFactory.getLogger(Buckets.class);

  /** Names the bucket for every connection that does not set one itself. */
  public static final String ENV = "WORKBENCH_BUCKET";

  private Buckets() {}

  /** The bucket {@value #ENV} names in {@code environment} (name to value), or null when unset or blank. */
  public static @Nullable String fromEnvironment(Function<String, @Nullable String> environment) {
    String name = environment.apply(ENV);
    return name == null || name.isBlank() ? null : name.trim();
  }

  public static String defaultName(@Nullable String accountId, String region) {
    return accountId != null ? "workbench-" + accountId + "-" + region : "workbench-artifacts-" + region;
  }

  /** HeadBucket, then CreateBucket when it is missing. */
  public static void ensure(S3Client s3, String bucket, Region region) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return;
    } catch (NoSuchBucketException e) {
      // create below
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw new WorkbenchException("Bucket '" + bucket + "' is not usable: " + e.getMessage(), e);
      }
    }
    try {
      LOG.info("Creating bucket {}", bucket);
      s3.createBucket(b -> {
        b.bucket(bucket);
        // us-east-1 is the one region that refuses an explicit LocationConstraint.
        if (!Region.US_EAST_1.equals(region)) {
          b.createBucketConfiguration(c -> c.locationConstraint(region.id()));
        }
      });
    } catch (BucketAlreadyOwnedByYouException e) {
      // created concurrently by another process: fine
    } catch (S3Exception e) {
      if (e.statusCode() != 409) {
        throw new WorkbenchException("Could not create bucket '" + bucket + "': " + e.getMessage(), e);
      }
    }
  }
}
