package dev.swapbench.engine.scenario;

/**
 * A page that exists at the start. Its refcount and mapcount follow from the ptes that map it
 * and from {@code swapCacheSlot} (one reference for the swap cache).
 *
 * @param id            name used by ptes
 * @param data          data version the page holds
 * @param swapCacheSlot slot whose swap cache entry this page is, or -1
 * @param mappingMm     mm whose anon_vma {@code page->mapping} points at, or null (never mapped)
 * @param index         page->index (ignored when mappingMm is null)
 * @param dirty         PG_dirty
 * @param ksm           PG_ksm-style mapping (stable node) instead of an anon_vma
 * @param line          source line (0 when built in Java)
 */
public record PageSpec(String id, int data, int swapCacheSlot, String mappingMm, int index, boolean dirty,
                       boolean ksm, int line) {}
