package dev.swapbench.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapbench.engine.explore.TraceStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuColumnsTest {
    @Test
    void oneColumnPerThreadOneRowPerStep() {
        List<TraceStep> steps = List.of(
                new TraceStep(1, "B", "lookup_swap_cache", "swp1", "page1", List.of()),
                new TraceStep(2, "A", "lock_page", "page1", "", List.of("page1 locked")),
                new TraceStep(3, "io", "end_swap_bio_read", "page1", "", List.of()),
                new TraceStep(10, "B", "lock_page", "page1", "", List.of()));
        String out = CpuColumns.render(steps, List.of("A", "B", "C"));
        assertEquals("""
                 #  A                 B                                 io
                 1                    lookup_swap_cache(swp1) -> page1
                 2  lock_page(page1)                                                              | page1 locked
                 3                                                      end_swap_bio_read(page1)
                10                    lock_page(page1)
                """, out);
    }

    @Test
    void longCellsWrapInsideTheirColumn() {
        List<TraceStep> steps = List.of(
                new TraceStep(1, "A", "user access (TLB / handle_pte_fault)", "write mm child [0]", "fault on swap(1)",
                        List.of("x")),
                new TraceStep(2, "B", "lock_page", "page1", "", List.of()));
        String out = CpuColumns.render(steps, List.of("A", "B"));
        assertEquals("""
                #  A                                        B
                1  user access (TLB /                                         | x
                     handle_pte_fault)(write mm child [0])
                     -> fault on swap(1)
                2                                           lock_page(page1)
                """, out);
    }
}
