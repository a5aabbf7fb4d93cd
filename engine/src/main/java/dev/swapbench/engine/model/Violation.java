package dev.swapbench.engine.model;

import dev.swapbench.engine.check.CheckId;

/** A check fired while a step ran (thrown by the model, caught by the explorer). */
public final class Violation extends RuntimeException {
    private final CheckId check;

    public Violation(CheckId check, String message) {
        super(message, null, false, false);
        this.check = check;
    }

    public CheckId check() {
        return check;
    }
}
