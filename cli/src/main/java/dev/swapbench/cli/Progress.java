package dev.swapbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One progress line on stderr for runs longer than a second, when stderr is a terminal: pairs done of the total,
 * states explored so far (of the pairs done), states per second, the pair being checked. It is rewritten in place
 * with {@code \r} four times a second and erased at the end, or before any other line is printed. When stderr is
 * not a terminal it prints nothing at all.
 */
final class Progress implements AutoCloseable {
    /** No line before this much time has passed. */
    static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Kept within one line of a classic 80-column terminal, so that \r returns to its start. */
    static final int WIDTH = 79;

    private final PrintWriter err;
    private final boolean enabled;
    private final LongSupplier clock;
    private final long start;
    private final int total;
    private final ScheduledExecutorService timer;
    private int done;
    private long states;
    private String current = "";
    private int shown;

    Progress(PrintWriter err, int total, boolean enabled, LongSupplier clock, boolean withTimer) {
        this.err = err;
        this.total = total;
        this.enabled = enabled;
        this.clock = clock;
        this.start = clock.getAsLong();
        if (enabled && withTimer) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "swapbench-progress");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::tick, 250, 250, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** A progress line for a terminal ({@code System.console() != null}), nothing otherwise. */
    static Progress start(PrintWriter err, int total) {
        return new Progress(err, total, System.console() != null, System::nanoTime, true);
    }

    synchronized void started(String pair) {
        current = pair;
    }

    synchronized void finished(long pairStates) {
        done++;
        states += pairStates;
        current = "";
    }

    /** Rewrites the line (called by the timer; tests call it directly). */
    synchronized void tick() {
        if (!enabled) {
            return;
        }
        long elapsed = clock.getAsLong() - start;
        if (elapsed < QUIET_NANOS) {
            return;
        }
        double seconds = elapsed / 1e9;
        String line = String.format(Locale.ROOT, "%d/%d pairs, %,d states, %s states/s%s", done, total, states,
                rate(states / seconds), current.isEmpty() ? "" : ", checking " + current);
        if (line.length() > WIDTH) {
            line = line.substring(0, WIDTH - 3) + "...";
        }
        err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
        err.flush();
        shown = line.length();
    }

    /** Erases the line, if one is shown (before printing anything else on the terminal). */
    synchronized void clear() {
        if (shown > 0) {
            err.print("\r" + " ".repeat(shown) + "\r");
            err.flush();
            shown = 0;
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        clear();
    }

    private static String rate(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }
}
