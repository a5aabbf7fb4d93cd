package dev.swapbench.reports;

import dev.swapbench.engine.scenario.Action;
import dev.swapbench.engine.scenario.Provenance;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.engine.scenario.ThreadSpec;
import java.util.List;

/**
 * What a report says about one scenario (a row of the matrix).
 *
 * @param id              the scenario id
 * @param title           one line for humans
 * @param provenanceKind  {@code message-id}, {@code commit} or {@code derived} (empty when unknown)
 * @param provenanceRef   the Message-ID, commit or source name (empty when unknown)
 * @param provenanceNotes the reasoning behind the scenario (empty when none)
 * @param origin          the file it came from ({@code builtin:R2.yaml} for the corpus)
 * @param threads         its kernel threads in declaration order: the column order of its interleavings
 * @param roles           for each thread, what it is ({@code mm child, write fault}, {@code reclaim}); may be empty
 */
public record ScenarioInfo(String id, String title, String provenanceKind, String provenanceRef,
                           String provenanceNotes, String origin, List<String> threads, List<String> roles) {
    public ScenarioInfo {
        title = title == null ? "" : title;
        provenanceKind = provenanceKind == null ? "" : provenanceKind;
        provenanceRef = provenanceRef == null ? "" : provenanceRef;
        provenanceNotes = provenanceNotes == null ? "" : provenanceNotes;
        origin = origin == null ? "" : origin;
        threads = threads == null ? List.of() : List.copyOf(threads);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** Without roles (the threads are then named by their ids only). */
    public ScenarioInfo(String id, String title, String provenanceKind, String provenanceRef, String provenanceNotes,
                        String origin, List<String> threads) {
        this(id, title, provenanceKind, provenanceRef, provenanceNotes, origin, threads, List.of());
    }

    public static ScenarioInfo of(Scenario s) {
        Provenance p = s.provenance();
        return new ScenarioInfo(s.id(), s.title(), p == null ? null : p.kind(), p == null ? null : p.ref(),
                p == null ? null : p.notes(), s.origin(), s.threads().stream().map(ThreadSpec::id).toList(),
                s.threads().stream().map(ScenarioInfo::role).toList());
    }

    /**
     * What a thread is, from its mm and its actions: {@code mm child, write fault}, {@code mm parent, fork to child,
     * exit}, {@code reclaim}.
     */
    public static String role(ThreadSpec t) {
        java.util.LinkedHashSet<String> what = new java.util.LinkedHashSet<>();
        for (Action a : t.actions()) {
            what.add(switch (a.op()) {
                case READ -> "read fault";
                case WRITE -> "write fault";
                case MADV_DONTNEED -> "madvise(DONTNEED)";
                case EXIT -> "exit";
                case FORK -> "fork to " + a.target();
                case RECLAIM -> "reclaim";
                case TRY_TO_FREE_SWAP -> "try_to_free_swap";
                case SWAPOFF -> "swapoff";
                case KSM_MERGE -> "ksmd";
            });
        }
        return (t.mm() == null ? "" : "mm " + t.mm() + (what.isEmpty() ? "" : ", ")) + String.join(", ", what);
    }

    /** Only the id: for a result whose scenario the caller did not describe. */
    public static ScenarioInfo unknown(String id) {
        return new ScenarioInfo(id, "", "", "", "", "", List.of());
    }
}
