package dev.seqguard.detect.rules;

/** A rules text that does not parse; the message names the line and column. */
public final class RuleSyntaxException extends IllegalArgumentException {
    private final int line;
    private final int column;

    public RuleSyntaxException(int line, int column, String problem) {
        super("rules line " + line + ", column " + column + ": " + problem);
        this.line = line;
        this.column = column;
    }

    /** 1-based line of the rules text. */
    public int line() {
        return line;
    }

    /** 1-based column within the line. */
    public int column() {
        return column;
    }
}
