package org.citizendata.collaborative.testsupport;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for something the application does in the background: the probe's first non-null answer. */
public final class Poll {

    private Poll() {
    }

    /** Asks the probe every {@code every} until it answers, or fails after {@code timeout}. */
    public static <T> T until(Supplier<T> probe, Duration timeout, Duration every) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = probe.get();
        while (value == null && System.nanoTime() < deadline) {
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = probe.get();
        }
        if (value == null) {
            throw new AssertionError("Timed out after " + timeout);
        }
        return value;
    }
}
