package dev.swapbench.spi;

/**
 * A {@code struct vm_area_struct *}: the one private anonymous vma of an mm.
 *
 * @param mm the mm id
 */
public record Vma(int mm) {
}
