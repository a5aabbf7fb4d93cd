package dev.swapbench.engine.run;

import dev.swapbench.spi.SwapFaultPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The policies found with {@link ServiceLoader} on a class loader. The engine never names a policy class: it knows
 * policies only through {@code META-INF/services/dev.swapbench.spi.SwapFaultPolicy}.
 *
 * @param policies the policies, by id, in the order found
 * @param problems one line per provider that could not be loaded (the others still load)
 */
public record PolicyCatalog(Map<String, SwapFaultPolicy> policies, List<String> problems) {

    public static PolicyCatalog load(ClassLoader loader) {
        Map<String, SwapFaultPolicy> found = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        var it = ServiceLoader.load(SwapFaultPolicy.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                SwapFaultPolicy p = it.next();
                String id;
                try {
                    id = p.id();
                } catch (RuntimeException | LinkageError e) {
                    problems.add(p.getClass().getName() + ".id() threw " + e + "; the policy is ignored");
                    continue;
                }
                if (id == null || id.isBlank()) {
                    problems.add(p.getClass().getName() + ".id() returned " + (id == null ? "null" : "a blank id")
                            + "; the policy is ignored");
                    continue;
                }
                if (found.containsKey(id)) {
                    problems.add("two policies have the id '" + id + "': " + found.get(id).getClass().getName()
                            + " and " + p.getClass().getName() + "; the second is ignored");
                } else {
                    found.put(id, p);
                }
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                problems.add("a policy could not be loaded: " + e.getMessage());
            }
        }
        return new PolicyCatalog(found, problems);
    }

    /** The policies sorted by id. */
    public List<SwapFaultPolicy> sorted() {
        List<SwapFaultPolicy> l = new ArrayList<>(policies.values());
        l.sort(Comparator.comparing(SwapFaultPolicy::id));
        return l;
    }
}
