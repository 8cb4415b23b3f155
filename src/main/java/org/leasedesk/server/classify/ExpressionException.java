package org.leasedesk.server.classify;

/**
 * An expression that Kea 2.2 would refuse (or that we refuse because we cannot evaluate it the way
 * Kea does), with the place in the text and what was expected there.
 *
 * <p>The message reads {@code at 23: expected ')' after substring's length, found ','}; positions are
 * 1-based character columns, and an expression written over several lines is located as
 * {@code at line 2, column 5}.
 */
public final class ExpressionException extends Exception {

    private final String expression;
    private final int offset;
    private final String detail;

    ExpressionException(String expression, int offset, String detail) {
        super(locate(expression, offset) + ": " + detail);
        this.expression = expression;
        this.offset = offset;
        this.detail = detail;
    }

    /** The whole expression text that was being parsed. */
    public String expression() {
        return expression;
    }

    /** 0-based offset of the offending character in {@link #expression()}. */
    public int offset() {
        return offset;
    }

    /** 1-based column of the offending character, counted from the start of its line. */
    public int column() {
        return offset - (expression.lastIndexOf('\n', offset - 1) + 1) + 1;
    }

    /** What is wrong, without the position. */
    public String detail() {
        return detail;
    }

    private static String locate(String expression, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < expression.length(); i++) {
            if (expression.charAt(i) == '\n') {
                line++;
            }
        }
        int column = offset - (expression.lastIndexOf('\n', offset - 1) + 1) + 1;
        return line == 1 ? "at " + column : "at line " + line + ", column " + column;
    }
}
