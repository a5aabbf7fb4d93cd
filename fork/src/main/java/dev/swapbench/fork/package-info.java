/**
 * Forked worker JVMs, in the manner of jcstress: {@link dev.swapbench.fork.WorkerPool} starts worker processes,
 * hands each a {@link dev.swapbench.fork.WorkerJob} (one policy, one scenario, bounds and time limit) and watches
 * it; {@link dev.swapbench.fork.WorkerMain} runs the pair with the engine's {@code PairChecker} and sends back the
 * result; every other way a worker ends (an exit, a halt, a crash, a watchdog kill) becomes an {@code error} result
 * that names the policy, the scenario, the thread, its action and the last kernel call. Depends on the engine and
 * on the reports' JSON form of a result; the engine never knows which JVM it runs in. Experimental since 0.1.
 */
package dev.swapbench.fork;
