package dev.swapbench.engine.check;

import java.util.Arrays;
import java.util.Optional;

/** The checks, by their public ids (domain.md). */
public enum CheckId {
    /** A present pte maps data other than the last value written there, a read returns it, or two mms share a
     *  private anon page with one of them writable. */
    STALE_MAPPING("stale-mapping"),
    /** An rmap BUG_ON fires, or a present anon pte cannot be found by the rmap walk from its page. */
    ANON_RMAP("anon-rmap"),
    /** memcg counters differ from the truth recomputed from pages and swap_cgroup records. */
    MEMCG_DRIFT("memcg-drift"),
    /** Any other BUG a 2.6.35 kernel would hit. */
    KERNEL_BUG("kernel-bug"),
    /** No thread can run and some have not finished. */
    DEADLOCK("deadlock"),
    /** A fair cycle of the state graph in which a user thread keeps retrying and no user thread completes an action
     *  (v6 era: a fault that can retry forever). */
    LIVELOCK("livelock");

    private final String id;

    CheckId(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<CheckId> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
