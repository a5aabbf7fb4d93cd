package dev.swapbench.engine.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The causal slice reads pages by their names, which may have spaces ({@code A's COW copy}). */
class CausalSliceNamesTest {

    @Test
    void aChangeLineNamesItsPageAndField() {
        assertEquals(new CausalSlice.Key("page", "A's COW copy", "swapcache"),
                CausalSlice.writeKey("A's COW copy +swapcache"));
        assertEquals(new CausalSlice.Key("page", "page1", "lock"), CausalSlice.writeKey("page1 locked"));
        assertEquals(new CausalSlice.Key("page", "B's swap-in page", "*"),
                CausalSlice.writeKey("B's swap-in page allocated"));
        assertEquals(new CausalSlice.Key("page", "P", "refcount"), CausalSlice.writeKey("P refcount 1->2"));
        // a slot's line naming a page is the slot's
        assertEquals(new CausalSlice.Key("slot", "1", "page"), CausalSlice.writeKey("slot1 swap cache A's COW copy"));
        assertEquals("cache", CausalSlice.writeKey("slot1 +SWAP_HAS_CACHE").field());
    }

    @Test
    void aCallNamesThePagesTheTraceChanges() {
        List<TraceStep> trace = List.of(
                new TraceStep(1, "A", "alloc_page_vma", "", "A's COW copy (in do_wp_page)",
                        List.of("A's COW copy allocated")),
                new TraceStep(2, "B", "lock_page", "page1", "", List.of("page1 locked")));
        Pattern pages = CausalSlice.pageNames(trace);
        assertEquals(List.of(new CausalSlice.Key("page", "A's COW copy", "*"), new CausalSlice.Key("page", "page1", "*")),
                CausalSlice.named("copy_user_highpage(A's COW copy <- page1)", pages));
        // a thread named like a page's owner is not the page
        assertEquals(List.of(), CausalSlice.named("A's", pages));
    }
}
