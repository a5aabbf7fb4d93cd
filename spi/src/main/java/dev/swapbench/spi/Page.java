package dev.swapbench.spi;

/**
 * A {@code struct page *}: a page frame number. {@code null} plays the part of a NULL page pointer.
 *
 * @param pfn the frame number
 */
public record Page(int pfn) {
    @Override
    public String toString() {
        return "page" + pfn;
    }
}
