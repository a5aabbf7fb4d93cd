/**
 * The swapbench policy SPI: what a kernel developer writes against to model a variant of the swap fault path.
 *
 * <p>A policy is a {@link dev.swapbench.spi.SwapFaultPolicy} registered in
 * {@code META-INF/services/dev.swapbench.spi.SwapFaultPolicy}. Its fault handler is ordinary straight-line Java over
 * {@link dev.swapbench.spi.Kernel}: every {@code Kernel} call is one atomic kernel step, and the engine may run any
 * other kernel thread between two calls. Handlers must be deterministic functions of what their calls return: no
 * fields, statics, clocks or randomness. The engine re-runs a handler from its start to resume it (per-thread
 * replay), and stops with an error naming the policy and the step if a re-run makes a different call.
 *
 * <p>This package depends on nothing but {@code java.base}.
 */
package dev.swapbench.spi;
