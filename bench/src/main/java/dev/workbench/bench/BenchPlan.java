package dev.workbench.bench;

import java.util.List;

/** How much a benchmark run measures: the quick mode for CI, the full mode for BENCHMARKS.md. */
public record BenchPlan(boolean quick) {

    List<Integer> asyncRows() {
        return quick ? List.of(1_000, 10_000) : List.of(1_000, 10_000, 100_000);
    }

    List<Integer> baselineRows() {
        return List.of(1_000, 10_000);
    }

    int repeats(int rows) {
        return quick || rows >= 100_000 ? 1 : 3;
    }

    int baselineRepeats() {
        return quick ? 1 : 2;
    }

    int syncRows() {
        return quick ? 1_000 : 4_000;
    }

    int syncRepeats() {
        return quick ? 1 : 3;
    }

    int csvRows() {
        return quick ? 200_000 : 1_000_000;
    }

    int csvRepeats() {
        return quick ? 1 : 3;
    }

    String name() {
        return quick ? "quick" : "full";
    }
}
