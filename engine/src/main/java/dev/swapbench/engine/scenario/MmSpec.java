package dev.swapbench.engine.scenario;

import java.util.List;

/**
 * An mm with one private anonymous vma of {@code vmaPages} pages.
 *
 * @param id         name used by threads and ptes
 * @param forkedFrom parent mm: the child's anon_vma hangs off the parent's root (fork before the scenario starts,
 *                   or, with {@code bornByFork}, by a {@code fork} action at run time)
 * @param bornByFork true: the mm does not exist until a thread runs {@code fork} on its parent
 * @param vmaStart   first virtual page number of the vma
 * @param vmaPages   number of pages in the vma (addresses vmaStart .. vmaStart+vmaPages-1)
 * @param pgoff      vm_pgoff: linear_page_index(vma, addr) = pgoff + (addr - vmaStart)
 * @param memcg      memory cgroup the mm is charged to (null: the root cgroup)
 * @param ptes       initial ptes; unlisted addresses are pte_none
 * @param line       source line for messages (0 when built in Java)
 * @param vmLocked   VM_LOCKED: the vma is mlocked for the whole run
 */
public record MmSpec(String id, String forkedFrom, boolean bornByFork, int vmaStart, int vmaPages, int pgoff,
                     String memcg, List<PteSpec> ptes, int line, boolean vmLocked) {
    public MmSpec {
        ptes = List.copyOf(ptes);
    }

    /** An mm whose vma is not mlocked. */
    public MmSpec(String id, String forkedFrom, boolean bornByFork, int vmaStart, int vmaPages, int pgoff,
                  String memcg, List<PteSpec> ptes, int line) {
        this(id, forkedFrom, bornByFork, vmaStart, vmaPages, pgoff, memcg, ptes, line, false);
    }
}
