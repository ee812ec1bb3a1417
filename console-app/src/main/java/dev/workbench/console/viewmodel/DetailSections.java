package dev.workbench.console.viewmodel;

import dev.workbench.console.service.EndpointDetail;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Lays an endpoint's detail out as the pane's sections, each value worded as a user reads it. */
final class DetailSections {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  private DetailSections() {
  }

  static List<DetailSection> of(EndpointDetail d, ZoneId zone) {
    List<DetailSection> out = new ArrayList<>();
    List<DetailSection.Field> summary = new ArrayList<>();
    add(summary, "Status", d.failureReason() == null || d.failureReason().isBlank() ? d.status()
        : d.status() + ": " + d.failureReason());
    add(summary, "Kind", d.kind().name());
    add(summary, "ARN", d.arn());
    add(summary, "Created", WHEN.format(d.created().atZone(zone)));
    add(summary, "Last modified", WHEN.format(d.lastModified().atZone(zone)));
    add(summary, "Endpoint config", d.configName());
    add(summary, "Model", d.modelName());
    add(summary, "Image", d.image());
    out.add(new DetailSection("Endpoint", summary));
    for (EndpointDetail.Variant v : d.variants()) {
      List<DetailSection.Field> f = new ArrayList<>();
      if (v.memoryMb() != null) {
        add(f, "Memory", v.memoryMb() + " MB");
        add(f, "Max concurrency", String.valueOf(v.maxConcurrency()));
        add(f, "Provisioned concurrency", v.provisionedConcurrency() == null ? "none"
            : String.valueOf(v.provisionedConcurrency()));
      } else {
        add(f, "Instance type", v.instanceType());
        add(f, "Instances", v.currentCount() + " running, " + v.desiredCount() + " desired"
            + (v.initialCount() == null ? "" : " (initially " + v.initialCount() + ")"));
      }
      out.add(new DetailSection("Variant " + v.name(), f));
    }
    if (d.async() != null) {
      EndpointDetail.Async a = d.async();
      List<DetailSection.Field> f = new ArrayList<>();
      add(f, "Output path", a.outputPath());
      add(f, "Failure path", a.failurePath() == null ? "none (failures go to the output path)" : a.failurePath());
      add(f, "Max concurrent per instance", a.maxConcurrentPerInstance() == null ? "SageMaker's default"
          : String.valueOf(a.maxConcurrentPerInstance()));
      add(f, "KMS key", a.kmsKey() == null ? "none (S3 default encryption)" : a.kmsKey());
      out.add(new DetailSection("Async inference", f));
    }
    List<DetailSection.Field> capture = new ArrayList<>();
    if (d.capture() == null || !d.capture().enabled()) {
      add(capture, "Data capture", "off");
    } else {
      add(capture, "Data capture", "on, " + d.capture().percent() + "% of requests"
          + (d.capture().status() == null ? "" : " (" + d.capture().status() + ")"));
      add(capture, "Destination", d.capture().destination());
    }
    out.add(new DetailSection("Data capture", capture));
    out.add(scaling(d, zone));
    if (!d.activities().isEmpty()) {
      List<DetailSection.Field> f = new ArrayList<>();
      for (EndpointDetail.Activity a : d.activities()) {
        String took = a.end() == null ? "" : ", took " + EndpointItem.duration(Duration.between(a.start(), a.end()));
        add(f, CLOCK.format(a.start().atZone(zone)), a.description() + " (" + a.status() + took + ")");
      }
      out.add(new DetailSection("Recent scaling activity", f));
    }
    out.add(map("Workbench meta", d.meta(), "no Workbench meta tags"));
    out.add(map("Tags", d.tags(), "no tags"));
    return out;
  }

  private static DetailSection scaling(EndpointDetail d, ZoneId zone) {
    List<DetailSection.Field> f = new ArrayList<>();
    if (d.target() == null) {
      add(f, "Auto scaling", "none (the instance count stays as deployed)");
      return new DetailSection("Scaling", f);
    }
    add(f, "Min instances", String.valueOf(d.target().min()));
    add(f, "Max instances", String.valueOf(d.target().max()));
    for (EndpointDetail.Policy p : d.policies()) {
      StringBuilder s = new StringBuilder(p.type());
      if (p.metric() != null) {
        s.append(" on ").append(p.metric());
      }
      if (p.targetValue() != null) {
        s.append(", target ").append(number(p.targetValue()));
      }
      if (p.scaleInCooldownSeconds() != null) {
        s.append(", scale in after ").append(EndpointItem.duration(Duration.ofSeconds(p.scaleInCooldownSeconds())))
            .append(" idle");
      }
      add(f, "Policy " + p.name(), s.toString());
    }
    for (EndpointDetail.Alarm a : d.alarms()) {
      add(f, "Alarm " + a.name(), a.state() + (a.updated() == null ? "" : " since "
          + CLOCK.format(a.updated().atZone(zone))));
    }
    return new DetailSection("Scaling", f);
  }

  private static DetailSection map(String title, Map<String, String> values, String none) {
    List<DetailSection.Field> f = new ArrayList<>();
    values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> add(f, e.getKey(), e.getValue()));
    if (f.isEmpty()) {
      add(f, title, none);
    }
    return new DetailSection(title, f);
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static void add(List<DetailSection.Field> f, String label, @Nullable String value) {
    f.add(new DetailSection.Field(label, value == null || value.isBlank() ? "-" : value));
  }

}
