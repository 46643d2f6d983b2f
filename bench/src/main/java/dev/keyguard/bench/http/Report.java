package dev.keyguard.bench.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Formatting shared by the load runs. */
public final class Report {

    private Report() {}

    /** The 1-minute load average, from /proc/loadavg (or "?" elsewhere). */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** "p50 / p99 / p99.9" in microseconds. */
    static String percentiles(Histogram h) {
        return String.format(
                Locale.ROOT,
                "%7d %7d %8d",
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9));
    }

    static double median(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
