package dev.swapbench.reports;

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
 */
public record ScenarioInfo(String id, String title, String provenanceKind, String provenanceRef,
                           String provenanceNotes, String origin, List<String> threads) {
    public ScenarioInfo {
        title = title == null ? "" : title;
        provenanceKind = provenanceKind == null ? "" : provenanceKind;
        provenanceRef = provenanceRef == null ? "" : provenanceRef;
        provenanceNotes = provenanceNotes == null ? "" : provenanceNotes;
        origin = origin == null ? "" : origin;
        threads = threads == null ? List.of() : List.copyOf(threads);
    }

    public static ScenarioInfo of(Scenario s) {
        Provenance p = s.provenance();
        return new ScenarioInfo(s.id(), s.title(), p == null ? null : p.kind(), p == null ? null : p.ref(),
                p == null ? null : p.notes(), s.origin(), s.threads().stream().map(ThreadSpec::id).toList());
    }

    /** Only the id: for a result whose scenario the caller did not describe. */
    public static ScenarioInfo unknown(String id) {
        return new ScenarioInfo(id, "", "", "", "", "", List.of());
    }
}
