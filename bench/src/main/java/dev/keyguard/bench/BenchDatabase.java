package dev.keyguard.bench;

/**
 * The PostgreSQL database the benchmarks use, from system properties: {@code
 * keyguard.bench.postgres.url} (default {@value #DEFAULT_URL}), {@code
 * keyguard.bench.postgres.user} ({@code postgres}) and {@code keyguard.bench.postgres.password}
 * (empty). Create the database first: {@code createdb -h 127.0.0.1 -U postgres keyguard_perf}.
 */
public final class BenchDatabase {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/keyguard_perf";

    private BenchDatabase() {}

    public static String url() {
        return System.getProperty("keyguard.bench.postgres.url", DEFAULT_URL);
    }

    public static String user() {
        return System.getProperty("keyguard.bench.postgres.user", "postgres");
    }

    public static String password() {
        return System.getProperty("keyguard.bench.postgres.password", "");
    }
}
