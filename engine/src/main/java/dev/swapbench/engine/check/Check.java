package dev.swapbench.engine.check;

/**
 * {@code Check} is one state predicate of the model: it looks at a machine state and names what is wrong, or
 * returns null. Checks that fire inside a step (a BUG_ON, a stale read) are thrown by the step itself; this is for
 * what can be read off a state.
 */
public interface Check {
    /** When a check is asked. */
    enum When {
        /** After every move. */
        EVERY_STATE,
        /** Only when no thread is inside an episode and no I/O is in flight. */
        AT_QUIESCENCE
    }

    /** The public id a violation is reported under. */
    CheckId id();

    /** When the explorer asks this check; every state unless said otherwise. */
    default When when() {
        return When.EVERY_STATE;
    }

    /** What is wrong with the state, or null. Must not change {@code s}. */
    String violation(int[] s);
}
