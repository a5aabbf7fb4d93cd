package dev.swapbench.engine.thread;

/** Thrown through thread code once it reaches its next unanswered kernel call; never seen by policies' catch blocks
 *  for {@link Exception}, since it is an {@link Error}. Stackless and shared: it carries no data. */
final class Unwind extends Error {
    static final Unwind INSTANCE = new Unwind();

    private Unwind() {
        super("unwind", null, false, false);
    }
}
