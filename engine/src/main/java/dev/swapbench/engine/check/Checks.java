package dev.swapbench.engine.check;

import dev.swapbench.engine.model.Layout;
import java.util.List;
import java.util.function.Function;

/** {@code Checks} is the ordered list of the model's state checks: the first that fires on a state is reported. */
public final class Checks {
    private Checks() {
    }

    private static final List<Function<Layout, Check>> ALL = List.of(
            StaleMapping::new,   // stale-mapping
            RmapUnfindable::new, // anon-rmap
            QuiescentLeak::new,  // kernel-bug, at quiescence
            MemcgDrift::new);    // memcg-drift, at quiescence

    /** Every check, in order, for one scenario's layout. */
    public static Check[] of(Layout layout) {
        return ALL.stream().map(c -> c.apply(layout)).toArray(Check[]::new);
    }

    /** The check a scenario's initial state must pass (what it declares must be consistent). */
    public static Check initial(Layout layout) {
        return new StaleMapping(layout);
    }
}
