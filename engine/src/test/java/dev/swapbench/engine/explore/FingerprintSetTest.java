package dev.swapbench.engine.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link FingerprintSet} against {@link HashSet}, its executable spec, through several growths. */
class FingerprintSetTest {

    @Test
    void addAndContainsAgreeWithAHashSet() {
        for (long seed = 1; seed <= 10; seed++) {
            Random r = new Random(seed);
            FingerprintSet set = new FingerprintSet(64);
            Set<Long> spec = new HashSet<>();
            for (int i = 0; i < 50_000; i++) {
                // scrambled keys from a narrow range, so that repeats are common; 0 and 1 now and then (0 is stored
                // as 1)
                long fp = r.nextInt(10) == 0 ? r.nextInt(2) : scramble(r.nextInt(60_000));
                long norm = fp == 0 ? 1 : fp;
                assertEquals(!spec.contains(norm), set.add(fp), "add " + fp + ", seed " + seed);
                spec.add(norm);
                long probe = scramble(r.nextInt(60_000));
                assertEquals(spec.contains(probe == 0 ? 1 : probe), set.contains(probe), "contains, seed " + seed);
            }
            assertEquals(spec.size(), set.size(), "seed " + seed);
        }
    }

    private static long scramble(long k) {
        long h = (k + 1) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
