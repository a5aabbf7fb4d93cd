/**
 * The folio-era policy SPI (v6.x): what a kernel developer writes against to model a variant of the v6 swap-in
 * path, the one that may skip the swap cache on a {@code SWP_SYNCHRONOUS_IO} device.
 *
 * <p>A policy is a {@link dev.swapbench.spi.folio.FolioFaultPolicy}, registered in the same
 * {@code META-INF/services/dev.swapbench.spi.SwapFaultPolicy} file as the 2010 policies; its
 * {@link dev.swapbench.spi.SwapFaultPolicy#baseline() baseline} is {@link dev.swapbench.spi.KernelBaseline#V6},
 * which is how the engine knows to run it on its v6 model and to judge it only on v6 scenarios. Its handler is
 * straight-line Java over {@link dev.swapbench.spi.folio.FolioKernel}, with the same contract as the 2010 SPI (see
 * {@link dev.swapbench.spi}): every call is one atomic kernel step, handlers are deterministic.
 *
 * <p><b>Status: experimental</b> (since 0.2). Method names and the set of steps may change until a release freezes
 * them. This package depends on nothing but {@code java.base} and {@link dev.swapbench.spi}.
 */
package dev.swapbench.spi.folio;
