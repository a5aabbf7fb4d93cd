package dev.swapbench.spi.folio;

/**
 * A {@code struct swap_info_struct *} as {@code get_swap_device()} returns it: the scenario's one swap device, with a
 * reference that keeps swapoff from freeing its {@code swap_map}.
 *
 * @param type the swap type (always 0: one device)
 */
public record SwapInfo(int type) {
}
