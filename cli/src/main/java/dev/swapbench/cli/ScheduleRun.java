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
        return run(out, policies, scenario, moves, Explorer.Mode.INTERLEAVED, RunCommand.KEEP_BOUND);
    }

    /**
     * As {@link #run(PrintWriter, List, Scenario, List)}, checking the schedule against {@code --mode serial} (whole
     * episodes one at a time) or an explicit {@code --max-preemptions} bound: a move beyond it is an input error
     * naming the move. Without either, the scenario's own bound does not restrict the schedule.
     */
    static int run(PrintWriter out, List<SwapFaultPolicy> policies, Scenario scenario, List<String> moves,
                   Explorer.Mode mode, int maxPreemptions) {
        if (mode == Explorer.Mode.PCT) {
            throw new InputException("--schedule replays the one interleaving you give; --mode pct runs random "
                    + "ones: use one or the other");
        }
        boolean checked = mode == Explorer.Mode.SERIAL || maxPreemptions != RunCommand.KEEP_BOUND;
        Scenario bounded = mode != Explorer.Mode.SERIAL && maxPreemptions != RunCommand.KEEP_BOUND
                ? scenario.withBounds(scenario.bounds().withMaxPreemptions(maxPreemptions)) : scenario;
        String within = mode == Explorer.Mode.SERIAL ? " (serial: whole episodes one at a time)"
                : checked && maxPreemptions >= 0 ? " (within preemption bound " + maxPreemptions + ")" : "";
        boolean fired = false;
        for (SwapFaultPolicy p : policies) {
            Explorer.Replay r;
            try {
                Explorer e = new Explorer(bounded, p, mode);
                r = checked ? e.replayWithinBounds(moves) : e.replay(moves);
            } catch (IllegalArgumentException e) {
                throw new InputException("--schedule on scenario " + scenario.id() + " under " + p.id() + ": "
                        + e.getMessage());
            } catch (RuntimeException e) { // the engine's PolicyFailure
                throw new InputException("policy " + p.id() + " failed replaying the schedule on scenario "
                        + scenario.id() + ": " + e.getMessage(), e);
            }
            out.println(p.id() + " \u00d7 " + scenario.id() + ": schedule of " + moves.size() + " moves, "
                    + r.steps().size() + " kernel steps" + within);
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
