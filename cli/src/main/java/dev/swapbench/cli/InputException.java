package dev.swapbench.cli;

/**
 * A problem with what the user gave (an unknown id, a malformed scenario, an unreadable jar or report). Its message
 * is complete on its own, one paragraph; it is printed without a stack trace and the command exits with 2.
 */
final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
        super(message, null, false, false);
    }

    InputException(String message, Throwable cause) {
        super(message, cause, false, true);
    }
}
