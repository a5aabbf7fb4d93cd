package dev.swapbench.engine.run;

/** The verdict of one (policy, scenario) pair. */
public enum Verdict {
    /** Every reachable state within the bound was explored and no check fired. */
    CLEAN("clean"),
    /** At least one check fired (with a counterexample). */
    VIOLATED("violated"),
    /** No check fired, but the search stopped early (state budget). */
    INCOMPLETE("incomplete"),
    /** The policy failed (threw, looped, was nondeterministic); nothing can be said. */
    ERROR("error"),
    /** The policy and the scenario belong to different kernel eras: the pair is not explored and judges nothing. */
    NOT_APPLICABLE("not-applicable");

    private final String id;

    Verdict(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The verdict with this id ({@code clean}, {@code violated}, {@code incomplete}, {@code error}, {@code not-applicable}). */
    public static Verdict byId(String id) {
        for (Verdict v : values()) {
            if (v.id.equals(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + id + "'");
    }
}
