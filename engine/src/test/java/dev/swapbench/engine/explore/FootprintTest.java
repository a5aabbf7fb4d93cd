package dev.swapbench.engine.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.swapbench.engine.Scenarios;
import dev.swapbench.engine.model.Layout;
import dev.swapbench.engine.model.Model26;
import dev.swapbench.engine.model.Violation;
import dev.swapbench.engine.scenario.Bounds;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.policies.AndreaRecheck;
import dev.swapbench.policies.KsmForcedWrite;
import dev.swapbench.policies.Legacy;
import dev.swapbench.policies.Mainline2636;
import dev.swapbench.policies.ReuseRemap;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The step footprints the sleep sets rest on are checked against what the steps do, on the first states (breadth
 * first, no preemption bound) of hand-built scenarios under every 2010-era policy: a move writes only objects its
 * step declares it writes, and two moves of different actors declared independent commute (s·a·b == s·b·a, the whole
 * state with both threads' local states), neither enables or disables the other or changes its choices or its
 * footprint, and neither changes whether the other fires a check.
 */
class FootprintTest {
    private static final int STATES = 1500;

    static Stream<Object[]> cases() {
        List<SwapFaultPolicy> policies = List.of(new Legacy(), new AndreaRecheck(), new Mainline2636(),
                new KsmForcedWrite(), new ReuseRemap());
        List<Scenario> scenarios = List.of(Scenarios.r2(), Scenarios.forkDirtyPte(), Scenarios.sanity());
        return scenarios.stream().flatMap(s -> policies.stream().map(p -> new Object[] {
                s.withBounds(new Bounds(-1, Bounds.DEFAULT_MAX_STATES, s.bounds().stepBudget())), p}));
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("cases")
    void declaredFootprintsHoldOnReachableStates(Scenario scenario, SwapFaultPolicy policy) {
        Explorer x = new Explorer(scenario, policy).workers(1);
        Layout layout = ((Model26) x.machine()).layout();
        int size = x.machine().size();
        ArrayDeque<int[]> queue = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        int[] init = x.initialState();
        queue.add(init);
        seen.add(Explorer.fingerprint(init));
        int declared = 0;
        int commuting = 0;
        while (!queue.isEmpty() && seen.size() < STATES) {
            int[] s = queue.poll();
            boolean[] enabled = x.enabledActors(s);
            for (int a = 0; a < x.actors(); a++) {
                if (!enabled[a]) {
                    continue;
                }
                long[] fa = new long[2];
                boolean knownA = x.footprint(s, a, fa);
                for (int c = 0; c < x.choices(s, a); c++) {
                    int[] next = new int[x.width()];
                    // the move's first step (the steps folded after it are invisible to every other thread)
                    int[][] first = new int[2][];
                    try {
                        x.move(s, a, c, next, (thread, op, a0, a1, a2, a3, result, fired, before, after) -> {
                            if (first[0] == null) {
                                first[0] = before.clone();
                                first[1] = after.clone();
                            }
                        });
                    } catch (Violation v) {
                        continue;
                    }
                    if (knownA) {
                        declared++;
                        assertTrue((fa[1] & ~fa[0]) == 0, "writes outside reads");
                        for (int i = 0; i < size; i++) {
                            if (first[0][i] != first[1][i] && (fa[1] & (1L << layout.objectOf(i))) == 0) {
                                fail("move " + x.moveName(a, c) + " (" + x.nextStep(s, a) + ") writes int " + i + " (object "
                                        + layout.objectOf(i) + ") outside its declared writes " + Long.toBinaryString(
                                        fa[1]) + ": " + x.machine().describe(first[0], first[1]));
                            }
                        }
                    }
                    if (seen.add(Explorer.fingerprint(next))) {
                        queue.add(next);
                    }
                }
                if (!knownA) {
                    continue;
                }
                for (int b = a + 1; b < x.actors(); b++) {
                    long[] fb = new long[2];
                    if (!enabled[b] || !x.footprint(s, b, fb) || !Explorer.independent(fa, fb)) {
                        continue;
                    }
                    for (int ca = 0; ca < x.choices(s, a); ca++) {
                        for (int cb = 0; cb < x.choices(s, b); cb++) {
                            commuting++;
                            commute(x, s, a, ca, b, cb, fa, fb);
                        }
                    }
                }
            }
        }
        assertTrue(declared > 0, "no declared step was reached");
        System.out.println(scenario.id() + " under " + policy.id() + ": " + declared + " declared moves, "
                + commuting + " independent pairs commute");
    }

    private static void commute(Explorer x, int[] s, int a, int ca, int b, int cb, long[] fa, long[] fb) {
        String pair = x.moveName(a, ca) + " (" + x.nextStep(s, a) + ") and " + x.moveName(b, cb) + " ("
                + x.nextStep(s, b) + ")";
        int[] sa = new int[x.width()];
        int[] sb = new int[x.width()];
        boolean aFires = fires(x, s, a, ca, sa);
        boolean bFires = fires(x, s, b, cb, sb);
        if (!aFires) {
            leavesAlone(x, s, sa, b, cb, fb, bFires, pair, "the first", "the second");
        }
        if (!bFires) {
            leavesAlone(x, s, sb, a, ca, fa, aFires, pair, "the second", "the first");
        }
        if (!aFires && !bFires) {
            int[] sab = new int[x.width()];
            int[] sba = new int[x.width()];
            x.move(sa, b, cb, sab, null);
            x.move(sb, a, ca, sba, null);
            assertArrayEquals(sab, sba, pair + " do not commute: " + x.machine().describe(sab, sba));
        }
    }

    /**
     * After one move of the pair ({@code after}, from {@code s}), the other actor is still enabled, with the same
     * choices, footprint and firing.
     */
    private static void leavesAlone(Explorer x, int[] s, int[] after, int other, int choice, long[] footprint,
                                    boolean otherFires, String pair, String mover, String moved) {
        assertTrue(x.enabledActors(after)[other], pair + ": " + mover + " disables " + moved);
        assertEquals(x.choices(s, other), x.choices(after, other), pair + ": " + mover + " changes " + moved
                + "'s choices");
        long[] again = new long[2];
        assertTrue(x.footprint(after, other, again), pair + ": " + mover + " makes " + moved
                + "'s footprint unknown");
        assertArrayEquals(footprint, again, pair + ": " + mover + " changes " + moved + "'s footprint");
        assertEquals(otherFires, fires(x, after, other, choice, new int[x.width()]),
                pair + ": " + mover + " changes whether " + moved + " fires");
    }

    private static boolean fires(Explorer x, int[] s, int actor, int choice, int[] out) {
        try {
            x.move(s, actor, choice, out, null);
            return false;
        } catch (Violation v) {
            return true;
        }
    }
}
