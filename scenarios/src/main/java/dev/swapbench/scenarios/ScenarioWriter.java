package dev.swapbench.scenarios;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.swapbench.engine.check.CheckId;
import dev.swapbench.engine.scenario.Action;
import dev.swapbench.engine.scenario.Bounds;
import dev.swapbench.engine.scenario.Expectation;
import dev.swapbench.engine.scenario.Knobs;
import dev.swapbench.engine.scenario.Memory;
import dev.swapbench.engine.scenario.MmSpec;
import dev.swapbench.engine.scenario.PageSpec;
import dev.swapbench.engine.scenario.PteSpec;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.SlotSpec;
import dev.swapbench.engine.scenario.ThreadSpec;

/**
 * Writes a scenario in the format {@link ScenarioLoader} reads. Every key is written, defaults included, in a fixed
 * order (expectations sorted by policy id, check ids in {@link CheckId} order), so the output is deterministic and
 * {@code parse(toYaml(s))} equals {@code s} apart from line numbers and origin.
 */
public final class ScenarioWriter {
    /** Strings written without quotes: they read back as the same text under the YAML core schema. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern NULLISH = Pattern.compile("null|Null|NULL");

    private ScenarioWriter() {}

    public static String toYaml(Scenario s) {
        StringBuilder out = new StringBuilder();
        out.append("id: ").append(str(s.id())).append('\n');
        out.append("title: ").append(quote(s.title())).append('\n');
        if (!s.knobs().era().equals(Knobs.ERA_2_6)) {
            out.append("era: ").append(str(s.knobs().era())).append('\n');
        }
        out.append("provenance:\n");
        out.append("  kind: ").append(str(s.provenance().kind())).append('\n');
        out.append("  ref: ").append(quote(s.provenance().ref())).append('\n');
        out.append("  notes: ").append(quote(s.provenance().notes())).append('\n');

        Knobs k = s.knobs();
        // The 2010 knobs (and the mm and page fields of the 2010 rmap world below) are refused in a v6 scenario.
        boolean v6 = k.era().equals(Knobs.ERA_V6);
        out.append("kernel:\n");
        if (!v6) {
            out.append("  debug_vm: ").append(k.debugVm()).append('\n');
            out.append("  ksm: ").append(k.ksm()).append('\n');
            out.append("  swap_accounting: ").append(k.swapAccounting()).append('\n');
            out.append("  vm_swap_full: ").append(k.vmSwapFull()).append('\n');
        }
        out.append("  slot_allocation: ")
                .append(k.slotAllocation() == Knobs.SlotAllocation.LOWEST_FIRST ? "lowest-first" : "any").append('\n');
        if (!v6) {
            out.append("  baseline: ").append(str(k.baseline())).append('\n');
        }
        if (k.memcgChargeFailure() != Knobs.MemcgChargeFailure.NONE) {
            out.append("  memcg_charge_failure: ").append(k.memcgChargeFailure().name().toLowerCase(Locale.ROOT))
                    .append('\n');
        }
        if (v6) {
            out.append("  synchronous_io: ").append(k.synchronousIo()).append('\n');
            out.append("  discard_on_free: ").append(k.discardOnFree()).append('\n');
            out.append("  memsw_account: ").append(k.memswAccount()).append('\n');
            out.append("  zap_gets_swap_device: ").append(k.zapGetsSwapDevice()).append('\n');
        }

        Memory m = s.memory();
        out.append("memory:\n");
        out.append("  frames: ").append(m.frames()).append('\n');
        out.append("  swap_slots: ").append(m.swapSlots()).append('\n');
        out.append("  mms:\n");
        for (MmSpec mm : m.mms()) {
            out.append("    - id: ").append(str(mm.id())).append('\n');
            if (!v6) {
                out.append("      forked_from: ").append(str(mm.forkedFrom())).append('\n');
                out.append("      born_by_fork: ").append(mm.bornByFork()).append('\n');
            }
            out.append("      vma_start: ").append(mm.vmaStart()).append('\n');
            out.append("      vma_pages: ").append(mm.vmaPages()).append('\n');
            if (!v6) {
                out.append("      pgoff: ").append(mm.pgoff()).append('\n');
            }
            out.append("      memcg: ").append(str(mm.memcg())).append('\n');
            if (mm.vmLocked()) {
                out.append("      vm_locked: true\n");
            }
            if (mm.ptes().isEmpty()) {
                out.append("      ptes: []\n");
            } else {
                out.append("      ptes:\n");
                for (PteSpec pte : mm.ptes()) {
                    out.append("        - {address: ").append(pte.address());
                    if (pte.kind() == PteSpec.Kind.SWAP) {
                        out.append(", swap: ").append(pte.slot());
                    } else {
                        out.append(", page: ").append(str(pte.page())).append(", writable: ").append(pte.writable());
                    }
                    out.append("}\n");
                }
            }
        }
        if (m.pages().isEmpty()) {
            out.append("  pages: []\n");
        } else {
            out.append("  pages:\n");
            for (PageSpec p : m.pages()) {
                out.append("    - id: ").append(str(p.id())).append('\n');
                out.append("      data: ").append(p.data()).append('\n');
                out.append("      swapcache: ").append(p.swapCacheSlot() < 0 ? "null" : p.swapCacheSlot()).append('\n');
                if (!v6) {
                    out.append("      mapping: ").append(str(p.mappingMm())).append('\n');
                    out.append("      index: ").append(p.index()).append('\n');
                }
                out.append("      dirty: ").append(p.dirty()).append('\n');
                if (!v6) {
                    out.append("      ksm: ").append(p.ksm()).append('\n');
                }
            }
        }
        if (m.slots().isEmpty()) {
            out.append("  slots: []\n");
        } else {
            out.append("  slots:\n");
            for (SlotSpec slot : m.slots()) {
                out.append("    - {slot: ").append(slot.slot()).append(", data: ").append(slot.data()).append("}\n");
            }
        }

        out.append("threads:\n");
        for (ThreadSpec t : s.threads()) {
            out.append("  - id: ").append(str(t.id())).append('\n');
            out.append("    mm: ").append(str(t.mm())).append('\n');
            out.append("    daemon: ").append(t.daemon()).append('\n');
            out.append("    actions:\n");
            for (Action a : t.actions()) {
                out.append("      - ").append(action(a)).append('\n');
            }
        }

        Bounds b = s.bounds();
        out.append("bounds:\n");
        out.append("  max_preemptions: ").append(b.maxPreemptions()).append('\n');
        out.append("  max_states: ").append(b.maxStates()).append('\n');
        out.append("  step_budget: ").append(b.stepBudget()).append('\n');

        if (s.expectations().isEmpty()) {
            out.append("expect: {}\n");
        } else {
            out.append("expect:\n");
            for (Map.Entry<String, Expectation> e : new TreeMap<>(s.expectations()).entrySet()) {
                out.append("  ").append(str(e.getKey())).append(":\n");
                List<String> checks = new ArrayList<>(e.getValue().checks());
                checks.sort(Comparator.comparingInt(ScenarioWriter::checkOrder).thenComparing(c -> c));
                out.append("    checks: [");
                String kind = e.getValue().anonRmapKind();
                for (int i = 0; i < checks.size(); i++) {
                    String c = checks.get(i);
                    out.append(i == 0 ? "" : ", ").append(str(kind != null && c.equals(CheckId.ANON_RMAP.id())
                            ? c + ":" + kind : c));
                }
                out.append("]\n");
                out.append("    reason: ").append(quote(e.getValue().reason())).append('\n');
            }
        }
        return out.toString();
    }

    private static String action(Action a) {
        String keyword = a.op().name().toLowerCase(Locale.ROOT);
        return switch (a.op()) {
            case READ, WRITE, MADV_DONTNEED -> keyword + " " + a.address();
            case FORK -> keyword + " " + a.target();
            default -> keyword;
        };
    }

    private static int checkOrder(String id) {
        return CheckId.byId(id).map(Enum::ordinal).orElse(Integer.MAX_VALUE);
    }

    /** null as {@code null}; a simple word as is; anything else double-quoted. */
    private static String str(String s) {
        if (s == null) {
            return "null";
        }
        return PLAIN.matcher(s).matches() && !NULLISH.matcher(s).matches() ? s : quote(s);
    }

    /** A YAML double-quoted scalar; everything outside printable ASCII and common Unicode is escaped. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (printable(cp)) {
                        out.appendCodePoint(cp);
                    } else if (cp <= 0xFF) {
                        out.append(String.format("\\x%02X", cp));
                    } else if (cp <= 0xFFFF) {
                        out.append(String.format("\\u%04X", cp));
                    } else {
                        out.append(String.format("\\U%08X", cp));
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** YAML 1.2 printable characters, less NEL, the line and paragraph separators and the byte order mark. */
    private static boolean printable(int cp) {
        return (cp >= 0x20 && cp <= 0x7E)
                || (cp >= 0xA0 && cp <= 0xD7FF && cp != 0x2028 && cp != 0x2029)
                || (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
