/**
 * The v2.6.35 / v2.6.36 kernel model: {@link dev.swapbench.engine.model.v2_6.Era26} dispatches each
 * {@link dev.swapbench.engine.model.v2_6.Op26} to one package-private class per kernel file ({@code Memory} for
 * mm/memory.c, {@code SwapState}, {@code Swapfile}, {@code Rmap}, {@code Vmscan}, {@code Ksm}, {@code Memcontrol},
 * {@code PageAlloc}, {@code Filemap}). Each routine's Javadoc names the kernel function, version, file and lines
 * it follows; the two baselines differ only inside the routines whose kernel code differs.
 */
package dev.swapbench.engine.model.v2_6;
