package dev.workbench.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quick benchmark in every build, so a regression shows. Counts (S3 requests per batch, client threads) are
 * checked; time ratios are printed and written to target/BENCHMARKS-quick.md but not asserted, since a shared
 * 2-core machine makes them swing.
 */
class QuickBenchTest {

    @Test
    void quickBenchmarkMeetsItsCountTargets() {
        BenchReport report = BenchMain.run(new BenchPlan(true));
        Path out = Path.of(System.getProperty("bench.out", "target/BENCHMARKS-quick.md"));
        report.write(out);
        System.out.println(report.render());
        List<String> missed = report.missedTargets();
        missed.forEach(m -> System.out.println("[bench] target missed: " + m));
        List<String> countTargetsMissed = missed.stream()
                .filter(m -> m.contains("S3 requests per batch") || m.contains("threads grew"))
                .toList();
        assertTrue(countTargetsMissed.isEmpty(), "count targets missed: " + countTargetsMissed);
    }
}
