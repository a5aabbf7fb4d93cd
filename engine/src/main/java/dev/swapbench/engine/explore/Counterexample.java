package dev.swapbench.engine.explore;

import dev.swapbench.engine.check.CheckId;
import java.util.List;

/**
 * The shortest interleaving found that makes a check fire.
 *
 * @param check    the check
 * @param message  what it found, at the last step
 * @param schedule the interleaving as moves ({@code thread} or {@code thread:choice}), replayable with
 *                 {@link Explorer#replay}
 * @param steps    every kernel step taken, in order (a move may take several steps when the later ones are
 *                 invisible to other threads)
 * @param kind     for anon-rmap, its {@link dev.swapbench.engine.check.AnonRmapKind} id; null for the other checks
 */
public record Counterexample(CheckId check, String message, List<String> schedule, List<TraceStep> steps,
                             String kind) {
    public Counterexample {
        schedule = List.copyOf(schedule);
        steps = List.copyOf(steps);
    }

    /** A counterexample of a check without kinds. */
    public Counterexample(CheckId check, String message, List<String> schedule, List<TraceStep> steps) {
        this(check, message, schedule, steps, null);
    }

    /** The same counterexample, of the given kind. */
    public Counterexample withKind(String newKind) {
        return new Counterexample(check, message, schedule, steps, newKind);
    }
}
