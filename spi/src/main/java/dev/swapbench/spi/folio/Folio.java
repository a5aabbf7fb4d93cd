package dev.swapbench.spi.folio;

/**
 * A {@code struct folio *} of order 0: a page frame number. {@code null} plays the part of a NULL folio pointer.
 *
 * @param pfn the frame number
 */
public record Folio(int pfn) {
    @Override
    public String toString() {
        return "folio" + pfn;
    }
}
