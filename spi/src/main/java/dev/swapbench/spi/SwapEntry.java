package dev.swapbench.spi;

/**
 * A {@code swp_entry_t} on the single swap device: {@code val} is the slot offset.
 *
 * @param val the slot
 */
public record SwapEntry(int val) {
    @Override
    public String toString() {
        return "swap(" + val + ")";
    }
}
