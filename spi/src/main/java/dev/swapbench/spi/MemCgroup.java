package dev.swapbench.spi;

/**
 * A {@code struct mem_cgroup *} as returned by {@code mem_cgroup_try_charge_swapin} in {@code ptr}.
 *
 * @param id the memcg id
 */
public record MemCgroup(int id) {
}
