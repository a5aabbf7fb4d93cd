package dev.swapbench.engine.scenario;

/**
 * Where a scenario comes from.
 *
 * @param kind  {@code message-id}, {@code commit} or {@code derived}
 * @param ref   the Message-ID, the commit id, or for {@code derived} a short name of the source
 * @param notes free text: the reasoning, and anything the model found that disagrees with the source
 */
public record Provenance(String kind, String ref, String notes) {}
