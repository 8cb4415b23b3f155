package org.leasedesk.testing.netns;

import java.lang.reflect.AnnotatedElement;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The behaviour behind {@link NetnsTest}: skip or fail when the machine cannot run the test, and
 * hand each test its own {@link NetworkLab}, closed after the test whatever its outcome. A
 * {@code @BeforeAll} method that takes a lab gets one for the whole class, closed after
 * {@code @AfterAll}: one topology shared by many tests, for classes whose namespaces and peers
 * are slow to build.
 *
 * <p>Skipping is an {@link ExecutionCondition}; failing cannot be, because a condition can only
 * disable. So when the property {@value #REQUIRED_PROPERTY} is true the condition lets the test
 * through and {@link #beforeAll} (for a class marked {@link NetnsTest}, before its own set-up
 * builds anything) or {@link #beforeEach} throws with the reason.
 */
public final class NetnsExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    /** Set to true by CI: a test that cannot run fails instead of skipping. */
    public static final String REQUIRED_PROPERTY = "leasedesk.netns.required";

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(NetnsExtension.class);

    private final NetnsPrerequisites prerequisites;
    private final boolean required;

    /** What JUnit uses: this machine, and the system property. */
    public NetnsExtension() {
        this(NetnsPrerequisites.ofThisMachine(), Boolean.getBoolean(REQUIRED_PROPERTY));
    }

    NetnsExtension(NetnsPrerequisites prerequisites, boolean required) {
        this.prerequisites = prerequisites;
        this.required = required;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> unmet = unmetReason(context);
        if (unmet.isEmpty()) {
            return ConditionEvaluationResult.enabled("network namespaces available");
        }
        if (required) {
            return ConditionEvaluationResult.enabled(REQUIRED_PROPERTY + "=true: will fail, " + unmet.get());
        }
        return ConditionEvaluationResult.disabled(unmet.get());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        beforeEach(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!required) {
            return; // the condition has already skipped a test that cannot run
        }
        Optional<String> unmet = unmetReason(context);
        if (unmet.isPresent()) {
            throw new IllegalStateException(unmet.get() + " (" + REQUIRED_PROPERTY + "=true)");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == NetworkLab.class;
    }

    @Override
    public NetworkLab resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // Stored per test (or per class, for a @BeforeAll method): JUnit closes AutoCloseable store
        // values when that context ends, after @AfterEach (@AfterAll) methods, whether the tests passed or not.
        return context.getStore(STORE).getOrComputeIfAbsent(NetworkLab.class, type -> new NetworkLab(), NetworkLab.class);
    }

    private Optional<String> unmetReason(ExtensionContext context) {
        return prerequisites.unmetReason(requiredCommands(context));
    }

    /** The union of the requirements declared on the test class and on the test method. */
    static Set<String> requiredCommands(ExtensionContext context) {
        Set<String> commands = new LinkedHashSet<>();
        context.getTestClass().ifPresent(type -> addRequirements(type, commands));
        context.getTestMethod().ifPresent(method -> addRequirements(method, commands));
        return commands;
    }

    private static void addRequirements(AnnotatedElement element, Set<String> commands) {
        AnnotationSupport.findAnnotation(element, NetnsTest.class).ifPresent(test -> commands.addAll(Arrays.asList(test.requires())));
    }
}
