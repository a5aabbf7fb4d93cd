package dev.swapbench.engine.thread;

/**
 * Where thread code last was in this JVM: the policy, the thread and its action whose episode ran last, and the last
 * kernel call that code made. Written by the thread code itself (once per episode replay and once per kernel call,
 * so only when the explorer grows a thread's trie, never per transition); read from another Java thread by a
 * watcher, such as a forked worker that streams it to its parent so that a policy which loops, sleeps or kills its
 * JVM can still be named with the call it made last.
 *
 * <p>It is one slot for the whole JVM: with several searches at once it shows whichever wrote last. A {@link Sink}
 * also gets every position as it is written, for a record that must outlive the JVM (a worker that halts).
 */
public final class LastCall {
    /** Receives every position as thread code writes it (on the thread that runs it: keep it cheap). */
    public interface Sink {
        void episode(String policy, String thread, String action);

        void called(String function);
    }

    private static volatile Sink sink;
    private static volatile String policy;
    private static volatile ThreadProgram program;
    private static volatile int pc;
    private static volatile String function;

    private LastCall() {
    }

    /**
     * Where thread code was.
     *
     * @param policy   the policy id
     * @param thread   the scenario's thread
     * @param action   its action ({@code read 0}, {@code reclaim}, ...)
     * @param function the kernel function of the last call made in that episode, or null when none was made yet
     */
    public record Position(String policy, String thread, String action, String function) {
        /** {@code thread A (read 0), after its kernel call lock_page}. */
        public String describe() {
            return "thread " + thread + " (" + action + ")" + (function == null ? ", before its first kernel call"
                    : ", after its kernel call " + function);
        }
    }

    /** Sends every position to {@code s} from now on (null: to nobody). */
    public static void sinkTo(Sink s) {
        sink = s;
    }

    static void episode(String policyId, ThreadProgram threadProgram, int programCounter) {
        policy = policyId;
        pc = programCounter;
        program = threadProgram;
        function = null;
        Sink s = sink;
        if (s != null) {
            s.episode(policyId, threadProgram.name(), threadProgram.describePc(programCounter));
        }
    }

    static void called(String kernelFunction) {
        function = kernelFunction;
        Sink s = sink;
        if (s != null) {
            s.called(kernelFunction);
        }
    }

    /** Forgets the last position (before a new pair starts). */
    public static void clear() {
        program = null;
        function = null;
    }

    /** The last position, or null when no thread code ran since the last {@link #clear}. */
    public static Position now() {
        ThreadProgram p = program;
        if (p == null) {
            return null;
        }
        return new Position(policy, p.name(), p.describePc(pc), function);
    }
}
