package dev.swapbench.scenarios;

/**
 * A scenario file that cannot be loaded: a YAML syntax error, a schema error or a validation error.
 * {@link #getMessage()} is {@code FILE:LINE:COLUMN: PROBLEM}, with 1-based line and column, and is meant to be
 * understood without a stack trace.
 */
public class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param file    the origin of the text (a path, or {@code builtin:NAME.yaml})
     * @param line    1-based line
     * @param column  1-based column
     * @param problem what is wrong and what was expected, without the location
     */
    public ScenarioException(String file, int line, int column, String problem) {
        super(file + ":" + line + ":" + column + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** The origin of the text, as given to the loader. */
    public String getFile() {
        return file;
    }

    /** 1-based line. */
    public int getLine() {
        return line;
    }

    /** 1-based column. */
    public int getColumn() {
        return column;
    }

    /** The message without the {@code FILE:LINE:COLUMN: } prefix. */
    public String getProblem() {
        return problem;
    }
}
