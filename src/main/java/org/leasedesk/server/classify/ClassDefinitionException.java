package org.leasedesk.server.classify;

import java.util.Optional;

/**
 * A class definition Kea 2.2 would refuse at load time: which entry of the list (0-based, as in the
 * JSON path {@code Dhcp4/client-classes[3]}), its name, and why. When the test expression is at fault
 * the {@link ExpressionException} with its position is the cause.
 */
public final class ClassDefinitionException extends Exception {

    private final int index;
    private final String className;

    ClassDefinitionException(int index, String className, String detail, ExpressionException cause) {
        super("client-classes[" + index + "] ('" + className + "'): " + detail, cause);
        this.index = index;
        this.className = className;
    }

    /** 0-based position of the class in the list. */
    public int index() {
        return index;
    }

    public String className() {
        return className;
    }

    /** The test expression's own error, with its position, when the test is what Kea refuses. */
    public Optional<ExpressionException> expressionError() {
        return Optional.ofNullable((ExpressionException) getCause());
    }
}
