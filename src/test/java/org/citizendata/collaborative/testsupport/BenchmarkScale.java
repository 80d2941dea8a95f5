package org.citizendata.collaborative.testsupport;

/** How big a benchmark run is: full with {@code -Pbenchmark} (benchmark.scale=full), a smoke run otherwise. */
public final class BenchmarkScale {

    /** A handful of iterations, so that the benchmarks run in every {@code mvn verify} and cannot rot. */
    public static final boolean SMOKE = !"full".equals(System.getProperty("benchmark.scale"));

    private BenchmarkScale() {
    }
}
