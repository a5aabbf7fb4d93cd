package dev.swapbench.engine.scenario;

/**
 * Disk contents of a swap slot at the start.
 *
 * @param slot slot number
 * @param data data version written in the slot
 * @param line source line (0 when built in Java)
 */
public record SlotSpec(int slot, int data, int line) {}
