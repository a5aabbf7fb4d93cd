package dev.swapbench.junit;

import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.swapbench.spi.SwapFaultPolicy;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.ModuleSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;

/**
 * What a discovery request asks of this engine.
 *
 * <ul>
 *   <li>{@code ClasspathRootSelector}, {@code ModuleSelector} (a launcher scanning the class path, an IDE running
 *       "all tests"): every pair.</li>
 *   <li>{@code ClassSelector} for a class annotated {@link SwapbenchSuite} (Surefire): every pair.</li>
 *   <li>{@code ClassSelector} for a {@link SwapFaultPolicy} implementation (an IDE re-running a policy container,
 *       whose source is the policy class): that policy's pairs.</li>
 *   <li>{@code UniqueIdSelector} {@code [engine:swapbench]}: every pair; {@code .../[policy:ID]}: one policy;
 *       {@code .../[policy:ID]/[scenario:ID]}: one pair.</li>
 *   <li>Anything else: nothing.</li>
 * </ul>
 */
final class Selection {
    boolean all;
    /** The {@link SwapbenchSuite} class selected, if any: the engine descriptor's source (Surefire needs it). */
    Class<?> suite;
    final Set<String> policies = new HashSet<>();
    final Set<String> policyClasses = new HashSet<>();
    final Map<String, Set<String>> pairs = new HashMap<>();

    static Selection of(EngineDiscoveryRequest request, UniqueId engineId) {
        Selection s = new Selection();
        if (!request.getSelectorsByType(ClasspathRootSelector.class).isEmpty()
                || !request.getSelectorsByType(ModuleSelector.class).isEmpty()) {
            s.all = true;
        }
        for (ClassSelector c : request.getSelectorsByType(ClassSelector.class)) {
            Class<?> type;
            try {
                type = c.getJavaClass();
            } catch (RuntimeException | LinkageError e) {
                continue; // not a class this engine can do anything with
            }
            if (suite(type)) {
                s.all = true;
                if (s.suite == null) {
                    s.suite = type;
                }
            } else if (SwapFaultPolicy.class.isAssignableFrom(type) && !type.isInterface()
                    && !Modifier.isAbstract(type.getModifiers())) {
                s.policyClasses.add(type.getName());
            }
        }
        for (UniqueIdSelector u : request.getSelectorsByType(UniqueIdSelector.class)) {
            UniqueId id = u.getUniqueId();
            if (!id.hasPrefix(engineId)) {
                continue;
            }
            List<UniqueId.Segment> seg = id.getSegments();
            int base = engineId.getSegments().size();
            if (seg.size() == base) {
                s.all = true;
            } else if (seg.get(base).getType().equals(PolicyDescriptor.SEGMENT)) {
                String policy = seg.get(base).getValue();
                if (seg.size() == base + 1) {
                    s.policies.add(policy);
                } else if (seg.get(base + 1).getType().equals(PairDescriptor.SEGMENT)) {
                    s.pairs.computeIfAbsent(policy, k -> new HashSet<>()).add(seg.get(base + 1).getValue());
                }
            } else {
                // a problem (malformed file ...): problems are always reported whenever anything is selected
                s.pairs.computeIfAbsent("", k -> new HashSet<>());
            }
        }
        return s;
    }

    private static boolean suite(Class<?> type) {
        if (type.isAnnotationPresent(SwapbenchSuite.class)) {
            return true;
        }
        // the annotation type as loaded by another class loader
        for (var a : type.getAnnotations()) {
            if (a.annotationType().getName().equals(SwapbenchSuite.class.getName())) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return !all && policies.isEmpty() && policyClasses.isEmpty() && pairs.isEmpty();
    }

    boolean includesPolicy(SwapFaultPolicy p) {
        return all || policies.contains(p.id()) || policyClasses.contains(p.getClass().getName())
                || pairs.containsKey(p.id());
    }

    boolean includesPair(SwapFaultPolicy p, String scenario) {
        if (all || policies.contains(p.id()) || policyClasses.contains(p.getClass().getName())) {
            return true;
        }
        Set<String> s = pairs.get(p.id());
        return s != null && s.contains(scenario);
    }
}
