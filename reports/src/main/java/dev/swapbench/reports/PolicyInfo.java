package dev.swapbench.reports;

import dev.swapbench.spi.KernelBaseline;
import dev.swapbench.spi.SwapFaultPolicy;
import java.util.function.Supplier;

/**
 * What a report says about one policy (a column of the matrix).
 *
 * @param id          the policy id
 * @param description one line from the policy
 * @param source      the kernel source or thread it models
 * @param baseline    the rmap world its neighbours follow ({@code v2.6.35} or {@code v2.6.36})
 * @param origin      {@value #BUILT_IN}, or the jar it was loaded from
 */
public record PolicyInfo(String id, String description, String source, String baseline, String origin) {
    /** The origin of a policy found on the class path. */
    public static final String BUILT_IN = "built-in";

    public PolicyInfo {
        description = description == null ? "" : description;
        source = source == null ? "" : source;
        baseline = baseline == null ? "" : baseline;
        origin = origin == null ? BUILT_IN : origin;
    }

    /**
     * Reads a policy's metadata; a policy that throws while answering gets a note in place of the answer (its
     * verdicts will say more).
     */
    public static PolicyInfo of(SwapFaultPolicy p, String origin) {
        return new PolicyInfo(safe(p::id), safe(p::description), safe(p::source), safe(() -> {
            KernelBaseline b = p.baseline();
            return b == null ? "" : b.tag();
        }), origin);
    }

    private static String safe(Supplier<String> s) {
        try {
            String v = s.get();
            return v == null ? "" : v;
        } catch (RuntimeException | LinkageError e) {
            return "(the policy threw " + e + ")";
        }
    }
}
