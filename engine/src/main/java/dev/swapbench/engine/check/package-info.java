/**
 * The checks: their public ids ({@link dev.swapbench.engine.check.CheckId}) and the state predicates the explorer
 * asks after each move ({@link dev.swapbench.engine.check.Check}, listed in order by
 * {@link dev.swapbench.engine.check.Checks}). A new check is a new class here and one line in {@code Checks}.
 * Depends on {@code engine.model}'s {@code Layout} and {@code spi}.
 */
package dev.swapbench.engine.check;
