package dev.swapbench.engine.explore;

/**
 * Checks, before the search makes a large allocation (a bigger fingerprint table, a bigger frontier buffer), that the
 * heap can hold it with room to spare, so that a search too big for the heap stops with an {@code incomplete}
 * verdict and advice instead of an {@link OutOfMemoryError} that may strike anywhere (in a report writer, another
 * worker). The spare room is an eighth of the maximum heap, at least 32 MiB: what the search's other structures and
 * the counterexample rebuild need after the stop.
 */
final class HeapGuard {
    private HeapGuard() {
    }

    /** Thrown when an allocation would not fit; the search stops, incomplete, with {@link #getMessage()} as advice. */
    static final class Exhausted extends RuntimeException {
        Exhausted(String what) {
            super(what, null, false, false);
        }
    }

    /**
     * @throws Exhausted if {@code bytes} more would leave less than the spare room free (after a full collection)
     */
    static void require(long bytes, String what) {
        Runtime rt = Runtime.getRuntime();
        long spare = Math.max(32L << 20, rt.maxMemory() / 8);
        if (free(rt) - bytes >= spare) {
            return;
        }
        System.gc();
        if (free(rt) - bytes >= spare) {
            return;
        }
        throw new Exhausted("the heap (" + (rt.maxMemory() >> 20) + " MiB) cannot " + what + " ("
                + (bytes >> 20) + " MiB more)");
    }

    private static long free(Runtime rt) {
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }
}
