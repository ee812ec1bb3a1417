package dev.workbench.local.cloudwatch;

import dev.workbench.local.http.AwsException;

/** The five standard statistics over an aggregate of samples. */
public enum Statistic {
    SampleCount, Average, Sum, Minimum, Maximum;

    public static Statistic parse(String name, String errorCode) {
        for (Statistic s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new AwsException(400, errorCode, "Statistic '" + name + "' is not supported by the local cloud"
                + " (supported: SampleCount, Average, Sum, Minimum, Maximum)");
    }

    public double of(Aggregate a) {
        return switch (this) {
            case SampleCount -> a.count();
            case Average -> a.count() == 0 ? 0 : a.sum() / a.count();
            case Sum -> a.sum();
            case Minimum -> a.min();
            case Maximum -> a.max();
        };
    }
}
