package org.citizendata.collaborative.testsupport;

/** How big a benchmark run is: full with {@code -Pbenchmark} (benchmark.scale=full), a smoke run otherwise. */
public final class BenchmarkScale {

    /** A handful of iterations, so that the benchmarks run in every {@code mvn verify} and cannot rot. */
    public static final boolean SMOKE = !"full".equals(System.getProperty("benchmark.scale"));

    /**
     * Whether the engine benchmark counts statements by kind, which needs PostgreSQL's
     * {@code pg_stat_statements}: in the smoke run, and in a full run that asks for it
     * ({@code -Dbenchmark.measures=statements}). Not loaded for the full run's timed measures, so
     * that they run on the server as in earlier runs.
     */
    public static final boolean STATEMENTS = SMOKE
            || System.getProperty("benchmark.measures", "").contains("statements");

    private BenchmarkScale() {
    }
}
