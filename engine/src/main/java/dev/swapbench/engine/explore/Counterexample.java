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
 */
public record Counterexample(CheckId check, String message, List<String> schedule, List<TraceStep> steps) {
    public Counterexample {
        schedule = List.copyOf(schedule);
        steps = List.copyOf(steps);
    }
}
