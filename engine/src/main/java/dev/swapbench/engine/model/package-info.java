/**
 * The kernel model: a machine state as a flat {@code int[]} ({@link dev.swapbench.engine.model.Layout}), the
 * scenario's first state, and {@link dev.swapbench.engine.model.Machine}, the facade through which the explorer
 * asks a {@link dev.swapbench.engine.model.KernelEra} what each step does. Each era is a sub-package laid out like
 * the kernel's mm/ of its time, one class per kernel file. Depends on {@code engine.scenario}, {@code engine.check}
 * ({@code CheckId}) and {@code spi}; internal to the engine (the CLI and reports never see it).
 */
package dev.swapbench.engine.model;
