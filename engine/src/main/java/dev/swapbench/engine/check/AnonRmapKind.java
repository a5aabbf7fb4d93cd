package dev.swapbench.engine.check;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an {@code anon-rmap} violation is (issue 9 §4): a BUG_ON of the baseline's rmap debugging fired, or a present
 * anon pte was out of reach of the rmap walk from its page, either only inside a window that closes before the
 * scenario ends, or still at the end. An expectation may name one as {@code anon-rmap:KIND}.
 */
public enum AnonRmapKind {
    /** __page_check_anon_rmap's or page_move_anon_rmap's BUG_ON (CONFIG_DEBUG_VM) fired: the kernel oopses. */
    BUG("bug"),
    /** Some pte was unfindable, and in every execution it is findable again when the scenario ends. */
    UNFINDABLE_TRANSIENT("unfindable-transient"),
    /** Some execution ends with a pte that the rmap walk cannot reach: reclaim, migration and KSM miss it for good. */
    UNFINDABLE_PERMANENT("unfindable-permanent");

    private final String id;

    AnonRmapKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<AnonRmapKind> byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
