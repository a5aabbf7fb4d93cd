package dev.swapbench.spi;

/**
 * The rmap "world" a policy's neighbouring kernel code follows (kernel-paths.md section 0 and 5).
 */
public enum KernelBaseline {
    /**
     * v2.6.35: {@code __page_set_anon_rmap} overwrites mapping and index on the first map (using the oldest anon_vma
     * of the vma's chain unless exclusive); {@code __page_check_anon_rmap} BUG_ONs on the index only;
     * {@code ksm_might_need_to_copy} compares {@code anon_vma == vma->anon_vma}.
     */
    V2_6_35("v2.6.35"),
    /**
     * v2.6.36 (the anon_vma root series of 2.6.36-rc1, 288468c334e9 and 44ab57a06ded): an existing anon mapping is
     * kept; the root anon_vma is used; {@code __page_check_anon_rmap} BUG_ONs on the root first, then the index;
     * {@code ksm_might_need_to_copy} compares roots.
     */
    V2_6_36("v2.6.36"),
    /**
     * The folio era (v6.x): do_swap_page may skip the swap cache on a {@code SWP_SYNCHRONOUS_IO} device. Policies
     * of this baseline implement {@link dev.swapbench.spi.folio.FolioFaultPolicy} and run on the engine's v6 model
     * (experimental; see that package).
     */
    V6("v6");

    private final String tag;

    KernelBaseline(String tag) {
        this.tag = tag;
    }

    /** {@code v2.6.35} or {@code v2.6.36}, as written in scenario files. */
    public String tag() {
        return tag;
    }

    public static KernelBaseline byTag(String tag) {
        for (KernelBaseline b : values()) {
            if (b.tag.equals(tag)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown kernel baseline '" + tag + "'; expected v2.6.35, v2.6.36 or v6");
    }
}
