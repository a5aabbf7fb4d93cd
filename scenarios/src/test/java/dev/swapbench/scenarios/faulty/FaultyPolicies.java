package dev.swapbench.scenarios.faulty;

import dev.swapbench.policies.Mainline2636;
import dev.swapbench.spi.Fault;
import dev.swapbench.spi.Kernel;
import dev.swapbench.spi.MemCgroup;
import dev.swapbench.spi.Page;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.List;
import java.util.function.Function;

/**
 * do_swap_page of v2.6.36 with one classic mistake each, to show that the kernel-bug, deadlock and memcg-drift
 * checks fire where a patch gets the bookkeeping wrong (the built-in policies never do, in any scenario).
 */
public final class FaultyPolicies {
    private FaultyPolicies() {
    }

    /** Mainline's handler run over a kernel that gets one call wrong. */
    static final class Faulty extends Mainline2636 {
        private final String id;
        private final String mistake;
        private final Function<Kernel, Kernel> wrong;

        Faulty(String id, String mistake, Function<Kernel, Kernel> wrong) {
            this.id = id;
            this.mistake = mistake;
            this.wrong = wrong;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String description() {
            return "mainline-2.6.36 that " + mistake;
        }

        @Override
        public String source() {
            return "test policy";
        }

        @Override
        public int doSwapPage(Kernel k, Fault fault) {
            return super.doSwapPage(wrong.apply(k), fault);
        }
    }

    /**
     * Mainline that, after a charge that failed with -ENOMEM (the memcg_charge_failure knob), leaves out the out_page
     * exit's unlock_page: the page stays locked. Not in {@link #all()}: only a scenario with failing charges shows it.
     */
    public static SwapFaultPolicy enomemForgetsUnlock() {
        return new Faulty("enomem-forgets-unlock", "after a charge that failed with -ENOMEM never unlocks the page",
                k -> new DelegatingKernel(k) {
                    private boolean failed;

                    @Override
                    public int memCgroupTryChargeSwapin(int mm, Page page, MemCgroup[] ptr) {
                        int ret = this.k.memCgroupTryChargeSwapin(mm, page, ptr);
                        failed |= ret != 0;
                        return ret;
                    }

                    @Override
                    public void unlockPage(Page page) {
                        if (!failed) {
                            this.k.unlockPage(page);
                        }
                    }
                });
    }

    public static List<SwapFaultPolicy> all() {
        return List.of(
                new Faulty("forgets-put", "never drops its page references", k -> new DelegatingKernel(k) {
                    @Override
                    public void pageCacheRelease(Page page) {
                    }
                }),
                new Faulty("double-unlock", "unlocks the page twice", k -> new DelegatingKernel(k) {
                    @Override
                    public void unlockPage(Page page) {
                        this.k.unlockPage(page);
                        this.k.unlockPage(page);
                    }
                }),
                new Faulty("forgets-unlock", "never unlocks the page", k -> new DelegatingKernel(k) {
                    @Override
                    public void unlockPage(Page page) {
                    }
                }),
                new Faulty("locks-twice", "takes the page lock twice", k -> new DelegatingKernel(k) {
                    @Override
                    public void lockPage(Page page) {
                        this.k.lockPage(page);
                        this.k.lockPage(page);
                    }
                }),
                new Faulty("forgets-cancel", "never cancels a memcg charge", k -> new DelegatingKernel(k) {
                    @Override
                    public void memCgroupCancelChargeSwapin(MemCgroup ptr) {
                    }
                }),
                new Faulty("double-commit", "commits its memcg charge twice", k -> new DelegatingKernel(k) {
                    @Override
                    public void memCgroupCommitChargeSwapin(Page page, MemCgroup ptr) {
                        this.k.memCgroupCommitChargeSwapin(page, ptr);
                        this.k.memCgroupCommitChargeSwapin(page, ptr);
                    }
                }),
                new Faulty("enomem-keeps-swapcache", "after a failed charge releases the KSM copy but not the "
                        + "original (out_page without 4969c11's swapcache lines)", k -> new DelegatingKernel(k) {
                    private Page charged;

                    @Override
                    public int memCgroupTryChargeSwapin(int mm, Page page, MemCgroup[] ptr) {
                        int ret = this.k.memCgroupTryChargeSwapin(mm, page, ptr);
                        if (ret != 0) {
                            charged = page;
                        }
                        return ret;
                    }

                    @Override
                    public void unlockPage(Page page) {
                        if (charged == null || page.equals(charged)) {
                            this.k.unlockPage(page);
                        }
                    }

                    @Override
                    public void pageCacheRelease(Page page) {
                        if (charged == null || page.equals(charged)) {
                            this.k.pageCacheRelease(page);
                        }
                    }
                }));
    }
}
