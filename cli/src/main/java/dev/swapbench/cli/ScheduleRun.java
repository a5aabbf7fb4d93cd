package dev.swapbench.cli;

import dev.swapbench.engine.explore.Counterexample;
import dev.swapbench.engine.explore.Explorer;
import dev.swapbench.engine.explore.TraceStep;
import dev.swapbench.engine.scenario.Scenario;
import dev.swapbench.spi.SwapFaultPolicy;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code run --schedule "A A B R ..."}: one given interleaving of one scenario, replayed under each policy and
 * printed step by step, so that an interleaving other than the shortest counterexample can be narrated. The moves
 * are those of a counterexample's {@code schedule:} line (a thread, {@code thread:choice}, or {@code ioN}).
 */
final class ScheduleRun {
    private ScheduleRun() {
    }

    /** The moves of a {@code --schedule} value. */
    static List<String> moves(String schedule) {
        List<String> moves = Arrays.stream(schedule.trim().split("\\s+")).filter(m -> !m.isEmpty()).toList();
        if (moves.isEmpty()) {
            throw new InputException("--schedule is empty; give the moves, e.g. --schedule \"A A B R\"");
        }
        return moves;
    }

    /**
     * Replays {@code moves} under each policy and prints the steps and how the schedule ends.
     *
     * @return 0, or 1 when a check fired under some policy
     * @throws InputException when a move is not possible (naming it and why) or a policy fails
     */
    static int run(PrintWriter out, List<SwapFaultPolicy> policies, Scenario scenario, List<String> moves) {
        boolean fired = false;
        for (SwapFaultPolicy p : policies) {
            Explorer.Replay r;
            try {
                r = new Explorer(scenario, p).replay(moves);
            } catch (IllegalArgumentException e) {
                throw new InputException("--schedule on scenario " + scenario.id() + " under " + p.id() + ": "
                        + e.getMessage());
            } catch (RuntimeException e) { // the engine's PolicyFailure
                throw new InputException("policy " + p.id() + " failed replaying the schedule on scenario "
                        + scenario.id() + ": " + e.getMessage(), e);
            }
            out.println(p.id() + " \u00d7 " + scenario.id() + ": schedule of " + moves.size() + " moves, "
                    + r.steps().size() + " kernel steps");
            for (TraceStep s : r.steps()) {
                out.println("    " + s.render());
            }
            List<Counterexample> inOrder = r.fired().values().stream()
                    .sorted(Comparator.comparingInt(c -> c.schedule().size())).toList();
            for (Counterexample c : inOrder) {
                out.println("  " + c.check().id() + " fires at move " + c.schedule().size() + ": " + c.message());
            }
            if (inOrder.isEmpty()) {
                out.println("  no check fired");
            }
            fired |= !inOrder.isEmpty();
            if (r.movesTaken() < moves.size()) {
                out.println("  the schedule stops at move " + r.movesTaken() + " (the check fired inside a step); "
                        + (moves.size() - r.movesTaken()) + " moves not taken");
            }
            out.println();
        }
        out.flush();
        return fired ? 1 : 0;
    }
}
