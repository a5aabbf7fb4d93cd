package dev.swapbench.scenarios;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.swapbench.engine.check.AnonRmapKind;
import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.scenario.Action;
import dev.swapbench.engine.scenario.Bounds;
import dev.swapbench.engine.scenario.Expectation;
import dev.swapbench.engine.scenario.Knobs;
import dev.swapbench.engine.scenario.Memory;
import dev.swapbench.engine.scenario.MmSpec;
import dev.swapbench.engine.scenario.PageSpec;
import dev.swapbench.engine.scenario.Provenance;
import dev.swapbench.engine.scenario.PteSpec;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.SlotSpec;
import dev.swapbench.engine.scenario.ThreadSpec;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Turns a composed YAML node tree into scenario records, checking the shape of the document: known keys, no
 * duplicate keys, required keys, node types, number ranges, and the syntax of actions, enum values and ids.
 * Cross references (ids, slots, addresses, fork relations) are checked afterwards by {@link ScenarioValidator}.
 */
final class ScenarioReader {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");

    static final List<String> TOP_KEYS =
            List.of("id", "title", "era", "provenance", "kernel", "memory", "threads", "bounds", "expect");
    static final List<String> ERAS = List.of(Knobs.ERA_2_6, Knobs.ERA_V6);
    /** The actions the v6 model runs (the others need parts of the 2010 model: fork, zap, KSM). */
    static final Set<Action.Op> V6_ACTIONS = Set.of(Action.Op.READ, Action.Op.WRITE, Action.Op.RECLAIM,
            Action.Op.SWAPOFF, Action.Op.EXIT);
    static final List<String> PROVENANCE_KEYS = List.of("kind", "ref", "notes");
    static final List<String> PROVENANCE_KINDS = List.of("message-id", "commit", "derived");
    static final List<String> KERNEL_KEYS =
            List.of("debug_vm", "ksm", "swap_accounting", "vm_swap_full", "slot_allocation", "baseline",
                    "memcg_charge_failure", "synchronous_io", "discard_on_free", "memsw_account",
                    "zap_gets_swap_device");
    static final List<String> MEMCG_CHARGE_FAILURES = List.of("none", "bypass", "enomem");
    static final List<String> SLOT_ALLOCATIONS = List.of("any", "lowest-first");
    static final List<String> BASELINES = List.of("v2.6.35", "v2.6.36");
    static final List<String> MEMORY_KEYS = List.of("frames", "swap_slots", "mms", "pages", "slots");
    static final List<String> MM_KEYS =
            List.of("id", "forked_from", "born_by_fork", "vma_start", "vma_pages", "pgoff", "memcg", "vm_locked",
                    "ptes");
    static final List<String> PTE_KEYS = List.of("address", "swap", "page", "writable");
    static final List<String> PAGE_KEYS = List.of("id", "data", "swapcache", "mapping", "index", "dirty", "ksm");
    static final List<String> SLOT_KEYS = List.of("slot", "data");
    static final List<String> THREAD_KEYS = List.of("id", "mm", "daemon", "actions");
    static final List<String> BOUNDS_KEYS = List.of("max_preemptions", "max_states", "step_budget");
    static final String ANON_RMAP_KINDS = java.util.Arrays.stream(AnonRmapKind.values())
            .map(k -> CheckId.ANON_RMAP.id() + ":" + k.id()).collect(java.util.stream.Collectors.joining(", "));
    static final List<String> EXPECTATION_KEYS = List.of("checks", "reason");
    static final String ACTION_FORMS =
            "read ADDR, write ADDR, madv_dontneed ADDR, exit, fork MM, reclaim, try_to_free_swap, swapoff, ksm_merge";
    static final String CHECK_IDS =
            Arrays.stream(CheckId.values()).map(CheckId::id).collect(Collectors.joining(", "));

    private static final String PTE_FORMS =
            "{address: A, swap: SLOT} for a swap pte or {address: A, page: ID, writable: BOOL} for a present pte";

    private final SourceMap where;
    private final Set<String> knownPolicyIds;
    /** The era of the scenario being read (its {@code era} key, read first). */
    private String era = Knobs.ERA_2_6;
    /** The {@code memcg_charge_failure} value node, to name when no mm names a memcg; null when not written. */
    private Node chargeFailureNode;

    ScenarioReader(SourceMap where, Set<String> knownPolicyIds) {
        this.where = where;
        this.knownPolicyIds = knownPolicyIds;
    }

    Scenario read(Node root) throws ScenarioException {
        if (!(root instanceof MappingNode)) {
            throw error(root, "expected a map at the top of the file with the keys " + String.join(", ", TOP_KEYS)
                    + ", got " + describe(root));
        }
        Fields top = new Fields(root, "the scenario", TOP_KEYS);
        String id = id(top.required("id"), "id", "scenario id");
        String title = nonBlank(top.required("title"), "title");
        era = top.isSet("era") ? era(top.value("era")) : Knobs.ERA_2_6;
        Provenance provenance = provenance(top.required("provenance"));
        Knobs knobs = top.isSet("kernel") ? knobs(top.value("kernel"))
                : withEra(Knobs.defaults(), false, false, false, era.equals(Knobs.ERA_V6));
        Memory memory = memory(top.required("memory"));
        if (chargeFailureNode != null && knobs.memcgChargeFailure() != Knobs.MemcgChargeFailure.NONE
                && memory.mms().stream().noneMatch(mm -> mm.memcg() != null)) {
            throw error(chargeFailureNode, "'memcg_charge_failure' has no effect here: no mm names a memcg, so memcg "
                    + "is not modelled; give an mm a 'memcg' or leave the knob out");
        }
        List<ThreadSpec> threads = threads(top.required("threads"));
        Bounds bounds = top.isSet("bounds") ? bounds(top.value("bounds")) : Bounds.defaults();
        Map<String, Expectation> expectations =
                top.isSet("expect") ? expectations(top.value("expect")) : Map.of();
        Scenario s = new Scenario(id, title, provenance, knobs, memory, threads, bounds, expectations,
                where.origin());
        where.put(s, root);
        where.put(s, "threads", top.value("threads"));
        return s;
    }

    // ---------------------------------------------------------------- sections

    private Provenance provenance(Node node) throws ScenarioException {
        Fields f = map(node, "'provenance'", "provenance", PROVENANCE_KEYS);
        Node kindNode = f.required("kind");
        String kind = string(kindNode, "kind");
        if (!PROVENANCE_KINDS.contains(kind)) {
            throw error(kindNode, "unknown provenance kind '" + kind + "'; expected one of: "
                    + String.join(", ", PROVENANCE_KINDS));
        }
        String ref = nonBlank(f.required("ref"), "ref");
        String notes = f.isSet("notes") ? string(f.value("notes"), "notes") : "";
        return new Provenance(kind, ref, notes);
    }

    private String era(Node node) throws ScenarioException {
        String e = string(node, "era");
        if (!ERAS.contains(e)) {
            throw error(node, "unknown era '" + e + "'; expected one of: " + String.join(", ", ERAS)
                    + " (or leave it out: the 2010 era, v2.6)");
        }
        return e;
    }

    private Knobs withEra(Knobs k, boolean synchronousIo, boolean discardOnFree, boolean memswAccount,
                          boolean zapGetsSwapDevice) {
        return new Knobs(k.debugVm(), k.ksm(), k.swapAccounting(), k.vmSwapFull(), k.slotAllocation(), k.baseline(),
                era, synchronousIo, discardOnFree, memswAccount, zapGetsSwapDevice, k.memcgChargeFailure());
    }

    private Knobs knobs(Node node) throws ScenarioException {
        Fields f = map(node, "'kernel'", "kernel", KERNEL_KEYS);
        refuseInV6(f, "debug_vm", "ksm", "swap_accounting", "vm_swap_full", "memcg_charge_failure");
        Knobs d = Knobs.defaults();
        boolean debugVm = f.isSet("debug_vm") ? bool(f.value("debug_vm"), "debug_vm") : d.debugVm();
        boolean ksm = f.isSet("ksm") ? bool(f.value("ksm"), "ksm") : d.ksm();
        boolean swapAccounting = f.isSet("swap_accounting")
                ? bool(f.value("swap_accounting"), "swap_accounting") : d.swapAccounting();
        boolean vmSwapFull = f.isSet("vm_swap_full") ? bool(f.value("vm_swap_full"), "vm_swap_full") : d.vmSwapFull();
        Knobs.SlotAllocation allocation = d.slotAllocation();
        if (f.isSet("slot_allocation")) {
            Node n = f.value("slot_allocation");
            String s = string(n, "slot_allocation");
            switch (s) {
                case "any" -> allocation = Knobs.SlotAllocation.ANY;
                case "lowest-first" -> allocation = Knobs.SlotAllocation.LOWEST_FIRST;
                default -> throw error(n, "unknown slot_allocation '" + s + "'; expected one of: "
                        + String.join(", ", SLOT_ALLOCATIONS));
            }
        }
        String baseline = d.baseline();
        if (f.isSet("baseline")) {
            Node n = f.value("baseline");
            baseline = string(n, "baseline");
            if (!BASELINES.contains(baseline)) {
                throw error(n, "unknown baseline '" + baseline + "'; expected one of: " + String.join(", ", BASELINES)
                        + " (or leave it out: each policy uses its own)");
            }
        }
        for (String v6Knob : List.of("synchronous_io", "discard_on_free", "memsw_account", "zap_gets_swap_device")) {
            if (f.isSet(v6Knob) && !era.equals(Knobs.ERA_V6)) {
                throw error(f.value(v6Knob), "'" + v6Knob + "' is a knob of the v6 era; add 'era: v6' at the top of "
                        + "the scenario");
            }
        }
        Knobs.MemcgChargeFailure chargeFailure = Knobs.MemcgChargeFailure.NONE;
        if (f.isSet("memcg_charge_failure")) {
            Node n = f.value("memcg_charge_failure");
            chargeFailureNode = n;
            String s = string(n, "memcg_charge_failure");
            switch (s) {
                case "none" -> chargeFailure = Knobs.MemcgChargeFailure.NONE;
                case "bypass" -> chargeFailure = Knobs.MemcgChargeFailure.BYPASS;
                case "enomem" -> chargeFailure = Knobs.MemcgChargeFailure.ENOMEM;
                default -> throw error(n, "unknown memcg_charge_failure '" + s + "'; expected one of: "
                        + String.join(", ", MEMCG_CHARGE_FAILURES));
            }
        }
        boolean synchronousIo = f.isSet("synchronous_io") && bool(f.value("synchronous_io"), "synchronous_io");
        boolean discardOnFree = f.isSet("discard_on_free") && bool(f.value("discard_on_free"), "discard_on_free");
        boolean memswAccount = f.isSet("memsw_account") && bool(f.value("memsw_account"), "memsw_account");
        boolean zapGetsSwapDevice = era.equals(Knobs.ERA_V6) && (!f.isSet("zap_gets_swap_device")
                || bool(f.value("zap_gets_swap_device"), "zap_gets_swap_device"));
        if (baseline != null && era.equals(Knobs.ERA_V6)) {
            throw error(f.value("baseline"), "'baseline' picks the rmap world of the 2010 era; a v6 scenario has none");
        }
        return withEra(new Knobs(debugVm, ksm, swapAccounting, vmSwapFull, allocation, baseline, era, false, false,
                false, false, chargeFailure), synchronousIo, discardOnFree, memswAccount, zapGetsSwapDevice);
    }

    private Memory memory(Node node) throws ScenarioException {
        Fields f = map(node, "'memory'", "memory", MEMORY_KEYS);
        int frames = integer(f.required("frames"), "frames", 1);
        int swapSlots = integer(f.required("swap_slots"), "swap_slots", 1);
        List<MmSpec> mms = new ArrayList<>();
        for (Node item : nonEmptyList(f.required("mms"), "mms", "mm")) {
            mms.add(mm(item));
        }
        List<PageSpec> pages = new ArrayList<>();
        if (f.isSet("pages")) {
            for (Node item : list(f.value("pages"), "pages")) {
                pages.add(page(item));
            }
        }
        List<SlotSpec> slots = new ArrayList<>();
        if (f.isSet("slots")) {
            for (Node item : list(f.value("slots"), "slots")) {
                slots.add(slot(item));
            }
        }
        Memory memory = new Memory(frames, swapSlots, mms, pages, slots);
        where.put(memory, node);
        where.put(memory, "frames", f.value("frames"));
        where.put(memory, "swap_slots", f.value("swap_slots"));
        where.put(memory, "pages", f.value("pages"));
        return memory;
    }

    /** Keys the v6 model has no use for: refused with their line, never silently ignored. */
    private void refuseInV6(Fields f, String... keys) throws ScenarioException {
        if (!era.equals(Knobs.ERA_V6)) {
            return;
        }
        for (String key : keys) {
            if (f.isSet(key)) {
                throw error(f.value(key), "'" + key + "' is not modelled in the v6 era (it has no fork, KSM or "
                        + "rmap world); see docs/v6-era.md");
            }
        }
    }

    private MmSpec mm(Node node) throws ScenarioException {
        Fields f = map(node, "an item of 'mms'", "an mm", MM_KEYS);
        refuseInV6(f, "forked_from", "born_by_fork", "pgoff");
        String id = id(f.required("id"), "id", "mm id");
        String forkedFrom = f.isSet("forked_from") ? string(f.value("forked_from"), "forked_from") : null;
        boolean bornByFork = f.isSet("born_by_fork") && bool(f.value("born_by_fork"), "born_by_fork");
        int vmaStart = f.isSet("vma_start") ? integer(f.value("vma_start"), "vma_start", 0) : 0;
        int vmaPages = f.isSet("vma_pages") ? integer(f.value("vma_pages"), "vma_pages", 1) : 1;
        int pgoff = f.isSet("pgoff") ? integer(f.value("pgoff"), "pgoff", 0) : vmaStart;
        String memcg = f.isSet("memcg") ? nonBlank(f.value("memcg"), "memcg") : null;
        boolean vmLocked = f.isSet("vm_locked") && bool(f.value("vm_locked"), "vm_locked");
        List<PteSpec> ptes = new ArrayList<>();
        if (f.isSet("ptes")) {
            for (Node item : list(f.value("ptes"), "ptes")) {
                ptes.add(pte(item));
            }
        }
        MmSpec mm = new MmSpec(id, forkedFrom, bornByFork, vmaStart, vmaPages, pgoff, memcg, ptes,
                SourceMap.line(node), vmLocked);
        where.put(mm, node);
        for (String key : List.of("id", "forked_from", "born_by_fork", "ptes")) {
            where.put(mm, key, f.value(key));
        }
        return mm;
    }

    private PteSpec pte(Node node) throws ScenarioException {
        Fields f = map(node, "an item of 'ptes'", "a pte", PTE_KEYS);
        int address = integer(f.required("address"), "address", Integer.MIN_VALUE);
        boolean swap = f.isSet("swap");
        boolean page = f.isSet("page");
        if (swap && page) {
            throw error(f.keyNode("page"), "a pte has both 'swap' and 'page'; expected exactly one: " + PTE_FORMS);
        }
        if (!swap && !page) {
            throw error(node, "a pte needs 'swap' or 'page'; expected " + PTE_FORMS);
        }
        PteSpec pte;
        if (swap) {
            if (f.isSet("writable")) {
                throw error(f.keyNode("writable"), "'writable' applies only to a present pte; expected " + PTE_FORMS);
            }
            int slot = integer(f.value("swap"), "swap", 0);
            pte = new PteSpec(address, PteSpec.Kind.SWAP, slot, null, false, SourceMap.line(node));
        } else {
            String pageId = string(f.value("page"), "page");
            boolean writable = f.isSet("writable") && bool(f.value("writable"), "writable");
            pte = new PteSpec(address, PteSpec.Kind.PRESENT, -1, pageId, writable, SourceMap.line(node));
        }
        where.put(pte, node);
        where.put(pte, "address", f.value("address"));
        where.put(pte, "swap", f.value("swap"));
        where.put(pte, "page", f.value("page"));
        return pte;
    }

    private PageSpec page(Node node) throws ScenarioException {
        Fields f = map(node, "an item of 'pages'", "a page", PAGE_KEYS);
        refuseInV6(f, "mapping", "index", "ksm");
        String id = id(f.required("id"), "id", "page id");
        int data = f.isSet("data") ? integer(f.value("data"), "data", 0) : 0;
        int swapcache = f.isSet("swapcache") ? integer(f.value("swapcache"), "swapcache", 0) : -1;
        String mapping = f.isSet("mapping") ? string(f.value("mapping"), "mapping") : null;
        int index = f.isSet("index") ? integer(f.value("index"), "index", 0) : 0;
        boolean dirty = f.isSet("dirty") && bool(f.value("dirty"), "dirty");
        boolean ksm = f.isSet("ksm") && bool(f.value("ksm"), "ksm");
        PageSpec page = new PageSpec(id, data, swapcache, mapping, index, dirty, ksm, SourceMap.line(node));
        where.put(page, node);
        for (String key : List.of("id", "swapcache", "mapping", "ksm")) {
            where.put(page, key, f.value(key));
        }
        return page;
    }

    private SlotSpec slot(Node node) throws ScenarioException {
        Fields f = map(node, "an item of 'slots'", "a slot", SLOT_KEYS);
        int slot = integer(f.required("slot"), "slot", 0);
        int data = f.isSet("data") ? integer(f.value("data"), "data", 0) : 0;
        SlotSpec spec = new SlotSpec(slot, data, SourceMap.line(node));
        where.put(spec, node);
        where.put(spec, "slot", f.value("slot"));
        return spec;
    }

    private List<ThreadSpec> threads(Node node) throws ScenarioException {
        List<ThreadSpec> threads = new ArrayList<>();
        for (Node item : nonEmptyList(node, "threads", "thread")) {
            Fields f = map(item, "an item of 'threads'", "a thread", THREAD_KEYS);
            String id = id(f.required("id"), "id", "thread id");
            String mm = f.isSet("mm") ? string(f.value("mm"), "mm") : null;
            boolean daemon = f.isSet("daemon") && bool(f.value("daemon"), "daemon");
            List<Action> actions = new ArrayList<>();
            for (Node a : nonEmptyList(f.required("actions"), "actions", "action")) {
                actions.add(action(a));
            }
            ThreadSpec thread = new ThreadSpec(id, mm, daemon, actions, SourceMap.line(item));
            exitsLast(item, thread, threads);
            where.put(thread, item);
            where.put(thread, "id", f.value("id"));
            where.put(thread, "mm", f.value("mm"));
            threads.add(thread);
        }
        return threads;
    }

    /**
     * v6: an {@code exit} ends its mm (exit_mmap runs once mm_users is 0), so it must be its thread's last action and
     * no other thread may use that mm.
     */
    private void exitsLast(Node item, ThreadSpec thread, List<ThreadSpec> before) throws ScenarioException {
        if (!era.equals(Knobs.ERA_V6) || thread.mm() == null) {
            return;
        }
        List<Action> actions = thread.actions();
        boolean exits = actions.stream().anyMatch(a -> a.op() == Action.Op.EXIT);
        if (exits && actions.get(actions.size() - 1).op() != Action.Op.EXIT) {
            throw error(item, "thread " + thread.id() + ": in the v6 era 'exit' ends mm " + thread.mm()
                    + " and must be the thread's last action");
        }
        for (ThreadSpec other : before) {
            boolean otherExits = other.actions().stream().anyMatch(a -> a.op() == Action.Op.EXIT);
            if (thread.mm().equals(other.mm()) && (exits || otherExits)) {
                throw error(item, "threads " + other.id() + " and " + thread.id() + " share mm " + thread.mm()
                        + ", which one of them exits; in the v6 era an exiting mm has one thread");
            }
        }
    }

    private Action action(Node node) throws ScenarioException {
        if (!(node instanceof ScalarNode scalar) || isNull(node)) {
            throw error(node, "expected an action (one of: " + ACTION_FORMS + ") in 'actions', got " + describe(node));
        }
        String text = scalar.getValue().strip();
        String[] words = text.isEmpty() ? new String[0] : text.split("\\s+");
        if (words.length == 0) {
            throw error(node, "empty action; expected one of: " + ACTION_FORMS);
        }
        String keyword = words[0];
        Action.Op op = switch (keyword) {
            case "read" -> Action.Op.READ;
            case "write" -> Action.Op.WRITE;
            case "madv_dontneed" -> Action.Op.MADV_DONTNEED;
            case "exit" -> Action.Op.EXIT;
            case "fork" -> Action.Op.FORK;
            case "reclaim" -> Action.Op.RECLAIM;
            case "try_to_free_swap" -> Action.Op.TRY_TO_FREE_SWAP;
            case "swapoff" -> Action.Op.SWAPOFF;
            case "ksm_merge" -> Action.Op.KSM_MERGE;
            default -> throw error(node, "unknown action '" + keyword + "'; expected one of: " + ACTION_FORMS);
        };
        if (era.equals(Knobs.ERA_V6) && !V6_ACTIONS.contains(op)) {
            throw error(node, "action '" + keyword + "' is not modelled in the v6 era; a v6 thread can read ADDR, "
                    + "write ADDR, reclaim, swapoff or exit");
        }
        int line = SourceMap.line(node);
        Action action;
        switch (op) {
            case READ, WRITE, MADV_DONTNEED -> {
                if (words.length != 2) {
                    throw error(node, (words.length < 2 ? "action '" + keyword + "' needs an address"
                            : "too many words in action '" + text + "'") + "; expected " + keyword + " ADDR");
                }
                Integer address = parseAddress(words[1]);
                if (address == null) {
                    throw error(node, "expected an integer address in action '" + text + "', got '" + words[1]
                            + "'; expected " + keyword + " ADDR");
                }
                action = new Action(op, address, null, line);
            }
            case FORK -> {
                if (words.length != 2) {
                    throw error(node, (words.length < 2 ? "action 'fork' needs the child mm"
                            : "too many words in action '" + text + "'") + "; expected fork MM");
                }
                action = new Action(op, -1, words[1], line);
            }
            default -> {
                if (words.length != 1) {
                    throw error(node, "action '" + keyword + "' takes no argument; expected " + keyword);
                }
                action = new Action(op, -1, null, line);
            }
        }
        where.put(action, node);
        return action;
    }

    private static Integer parseAddress(String word) {
        if (!word.matches("[-+]?[0-9]+")) {
            return null;
        }
        BigInteger b = new BigInteger(word.startsWith("+") ? word.substring(1) : word);
        return b.bitLength() < 32 ? b.intValue() : null;
    }

    private Bounds bounds(Node node) throws ScenarioException {
        Fields f = map(node, "'bounds'", "bounds", BOUNDS_KEYS);
        Bounds d = Bounds.defaults();
        int maxPreemptions = f.isSet("max_preemptions")
                ? integer(f.value("max_preemptions"), "max_preemptions", -1) : d.maxPreemptions();
        long maxStates = f.isSet("max_states")
                ? number(f.value("max_states"), "max_states", 1, Long.MAX_VALUE) : d.maxStates();
        int stepBudget = f.isSet("step_budget") ? integer(f.value("step_budget"), "step_budget", 1) : d.stepBudget();
        return new Bounds(maxPreemptions, maxStates, stepBudget);
    }

    private Map<String, Expectation> expectations(Node node) throws ScenarioException {
        Fields f = map(node, "'expect'", "expect", null);
        Map<String, Expectation> out = new LinkedHashMap<>();
        for (NodeTuple entry : f.entries()) {
            Node keyNode = entry.getKeyNode();
            String policy = ((ScalarNode) keyNode).getValue();
            if (knownPolicyIds != null && !knownPolicyIds.contains(policy)) {
                String known = knownPolicyIds.isEmpty() ? "(no policies are known)"
                        : String.join(", ", new TreeSet<>(knownPolicyIds));
                throw error(keyNode, "unknown policy id '" + policy + "' in 'expect'; expected one of: " + known);
            }
            Fields x = map(entry.getValueNode(), "'" + policy + "' in 'expect'", "the expectation for " + policy,
                    EXPECTATION_KEYS);
            Set<String> checks = new LinkedHashSet<>();
            String anonRmapKind = null;
            for (Node item : list(x.required("checks"), "checks")) {
                String check = string(item, "checks");
                int colon = check.indexOf(':');
                if (colon >= 0 && check.substring(0, colon).equals(CheckId.ANON_RMAP.id())) {
                    anonRmapKind = check.substring(colon + 1);
                    if (AnonRmapKind.byId(anonRmapKind).isEmpty()) {
                        throw error(item, "unknown anon-rmap kind '" + anonRmapKind + "'; expected one of: "
                                + ANON_RMAP_KINDS);
                    }
                    check = CheckId.ANON_RMAP.id();
                }
                if (CheckId.byId(check).isEmpty()) {
                    throw error(item, "unknown check id '" + check + "'; expected one of: " + CHECK_IDS);
                }
                if (!checks.add(check)) {
                    throw error(item, "check id '" + check + "' is listed twice in 'checks'");
                }
            }
            Node reasonNode = x.required("reason");
            String reason = nonBlank(reasonNode, "reason");
            if (reason.indexOf('\n') >= 0 || reason.indexOf('\r') >= 0) {
                throw error(reasonNode, "'reason' must be one line");
            }
            Expectation e = new Expectation(checks, reason, SourceMap.line(keyNode), anonRmapKind);
            where.put(e, keyNode);
            out.put(policy, e);
        }
        return out;
    }

    // ---------------------------------------------------------------- node helpers

    /** The keys of one YAML map, checked for duplicates, non-scalar keys and (when {@code allowed} is set) unknown keys. */
    final class Fields {
        private final MappingNode node;
        private final String what;
        private final Map<String, NodeTuple> byKey = new LinkedHashMap<>();

        Fields(Node node, String what, List<String> allowed) throws ScenarioException {
            this.node = (MappingNode) node;
            this.what = what;
            for (NodeTuple t : this.node.getValue()) {
                Node k = t.getKeyNode();
                if (!(k instanceof ScalarNode scalar)) {
                    throw error(k, "expected a plain key in " + what + ", got " + describe(k));
                }
                String key = scalar.getValue();
                NodeTuple first = byKey.get(key);
                if (first != null) {
                    throw error(k, "duplicate key '" + key + "' in " + what + " (first at "
                            + SourceMap.place(first.getKeyNode()) + ")");
                }
                if (allowed != null && !allowed.contains(key)) {
                    throw error(k, "unknown key '" + key + "' in " + what + "; expected one of: "
                            + String.join(", ", allowed));
                }
                byKey.put(key, t);
            }
        }

        Iterable<NodeTuple> entries() {
            return byKey.values();
        }

        /** The value node, or null when the key is absent. */
        Node value(String key) {
            NodeTuple t = byKey.get(key);
            return t == null ? null : t.getValueNode();
        }

        Node keyNode(String key) {
            NodeTuple t = byKey.get(key);
            return t == null ? null : t.getKeyNode();
        }

        /** Present with a value other than null: an optional key set to null means "use the default". */
        boolean isSet(String key) {
            Node v = value(key);
            return v != null && !isNull(v);
        }

        Node required(String key) throws ScenarioException {
            Node v = value(key);
            if (v == null) {
                throw error(node, "missing required key '" + key + "' in " + what);
            }
            return v;
        }
    }

    private Fields map(Node node, String forWhat, String what, List<String> allowed) throws ScenarioException {
        if (!(node instanceof MappingNode)) {
            throw error(node, "expected a map for " + forWhat + ", got " + describe(node));
        }
        return new Fields(node, what, allowed);
    }

    private List<Node> list(Node node, String key) throws ScenarioException {
        if (!(node instanceof SequenceNode seq)) {
            throw error(node, "expected a list for '" + key + "', got " + describe(node));
        }
        return seq.getValue();
    }

    private List<Node> nonEmptyList(Node node, String key, String itemName) throws ScenarioException {
        List<Node> items = list(node, key);
        if (items.isEmpty()) {
            throw error(node, "'" + key + "' must not be empty; expected at least one " + itemName);
        }
        return items;
    }

    private String string(Node node, String key) throws ScenarioException {
        if (!(node instanceof ScalarNode scalar) || isNull(node)) {
            throw error(node, "expected a string for '" + key + "', got " + describe(node));
        }
        return scalar.getValue();
    }

    private String nonBlank(Node node, String key) throws ScenarioException {
        String s = string(node, key);
        if (s.isBlank()) {
            throw error(node, "'" + key + "' must not be empty");
        }
        return s;
    }

    private String id(Node node, String key, String kind) throws ScenarioException {
        String s = string(node, key);
        if (!ID.matcher(s).matches()) {
            throw error(node, "invalid " + kind + " '" + s + "'; expected letters, digits, '.', '_' or '-'");
        }
        return s;
    }

    private boolean bool(Node node, String key) throws ScenarioException {
        if (node instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
            String v = scalar.getValue().toLowerCase(java.util.Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                return v.equals("true");
            }
        }
        throw error(node, "expected true or false for '" + key + "', got " + describe(node));
    }

    private int integer(Node node, String key, int min) throws ScenarioException {
        return (int) number(node, key, min, Integer.MAX_VALUE);
    }

    private long number(Node node, String key, long min, long max) throws ScenarioException {
        BigInteger value = null;
        if (node instanceof ScalarNode scalar && Tag.INT.equals(scalar.getTag())) {
            value = parseInteger(scalar.getValue());
        }
        if (value == null) {
            throw error(node, "expected an integer for '" + key + "', got " + describe(node));
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0) {
            throw error(node, "'" + key + "' must be >= " + min + ", got " + value);
        }
        if (value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(node, "'" + key + "' must be <= " + max + ", got " + value);
        }
        return value.longValue();
    }

    /** YAML 1.2 core schema integers: decimal with an optional sign, 0o octal, 0x hexadecimal. */
    private static BigInteger parseInteger(String text) {
        try {
            if (text.startsWith("0x")) {
                return new BigInteger(text.substring(2), 16);
            }
            if (text.startsWith("0o")) {
                return new BigInteger(text.substring(2), 8);
            }
            if (text.matches("[-+]?[0-9]+")) {
                return new BigInteger(text.startsWith("+") ? text.substring(1) : text);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** How a node looks, for "got ..." in messages. */
    static String describe(Node node) {
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof ScalarNode scalar) {
            if (isNull(node)) {
                return "null";
            }
            String v = scalar.getValue();
            if (v.length() > 40) {
                v = v.substring(0, 37) + "...";
            }
            v = v.replace("\n", "\\n");
            return scalar.isPlain() ? "'" + v + "'" : "the quoted string \"" + v + "\"";
        }
        return "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private ScenarioException error(Node node, String problem) {
        return where.error(node, problem);
    }
}
