/**
 * The folio-era (v6) policies: the skip-swapcache swap-in path of {@code SWP_SYNCHRONOUS_IO} devices and its fix
 * ladder, from its introduction in v4.15 (0bcac06f27d7) through the CVE-2024-26759 pin (13ddaf26be32), the wait queue
 * (01626a182302) and the series that stopped bypassing the swap cache (f1879e8a0c60, 2732acda82c9).
 *
 * <p>Experimental, like the {@link dev.swapbench.spi.folio} SPI they implement.
 */
package dev.swapbench.policies.v6;
