package dev.swapbench.engine.model.v6;

import static dev.swapbench.engine.model.v6.Layout6.G_WAITERS;

/**
 * kernel/time/timer.c and kernel/sched/wait.c as 13ddaf26be32 and 01626a182302 use them: the one-tick sleep and
 * {@code swapcache_wq}. The model has no clock: a sleep bounded by one tick can end at any time, so a sleeper is
 * always runnable, and {@code wake_up} changes nothing a later step can observe except through the queue's members.
 */
final class Sched {

    /** {@code add_wait_queue(&swapcache_wq, &wait)}: the thread is on the queue. */
    void addWaitQueue(int[] s, int owner) {
        s[G_WAITERS] |= 1 << owner;
    }

    /** {@code remove_wait_queue}. */
    void removeWaitQueue(int[] s, int owner) {
        s[G_WAITERS] &= ~(1 << owner);
    }

    /** {@code waitqueue_active}. */
    int waitqueueActive(int[] s) {
        return s[G_WAITERS] != 0 ? 1 : 0;
    }
}
