/**
 * The folio era (v6): the swap-in path that may skip the swap cache on a {@code SWP_SYNCHRONOUS_IO} device, laid out
 * like mm/ ({@link dev.swapbench.engine.model.v6.Memory}, {@link dev.swapbench.engine.model.v6.Swapfile},
 * {@link dev.swapbench.engine.model.v6.SwapState}, ...), with its own op codes ({@link
 * dev.swapbench.engine.model.v6.Op6}), its own {@link dev.swapbench.engine.model.KernelEra}
 * ({@link dev.swapbench.engine.model.v6.Era6}) and its own state checks. docs/v6-era.md says what is modelled and
 * from which commits.
 *
 * <p>Experimental (since 0.2). Depends on {@code engine.model}, {@code engine.check}, {@code engine.scenario},
 * {@code engine.thread} (for the era's thread tries) and the SPI.
 */
package dev.swapbench.engine.model.v6;
