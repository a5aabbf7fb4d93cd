package dev.swapbench.engine.scenario;

/**
 * One initial pte.
 *
 * @param address  virtual page number (inside the mm's vma)
 * @param kind     what the pte holds
 * @param slot     for {@code SWAP}: the swap slot
 * @param page     for {@code PRESENT}: the page id
 * @param writable for {@code PRESENT}: whether the pte is writable
 * @param line     source line (0 when built in Java)
 */
public record PteSpec(int address, Kind kind, int slot, String page, boolean writable, int line) {
    public enum Kind { SWAP, PRESENT }

    public static PteSpec swap(int address, int slot) {
        return new PteSpec(address, Kind.SWAP, slot, null, false, 0);
    }

    public static PteSpec present(int address, String page, boolean writable) {
        return new PteSpec(address, Kind.PRESENT, -1, page, writable, 0);
    }
}
