package org.leasedesk.testing.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The skip-or-fail decision, on a pretend machine, through the extension's own entry points. */
class NetnsExtensionTest {

    /** Never run: JUnit only sees it through the hand-made context below. */
    @NetnsTest(requires = "tcpdump")
    static final class NeedsAPeer {
        @NetnsTest(requires = {"dhclient", "tcpdump"})
        void exchange() {}
    }

    private static final Method EXCHANGE = methodOf(NeedsAPeer.class, "exchange");

    @Test
    void skipsWithTheMissingCommandAndItsPackageWhenNotRequired() {
        NetnsExtension extension = new NetnsExtension(machine(true, true, "ip", "tcpdump"), false);

        ConditionEvaluationResult result = extension.evaluateExecutionCondition(contextOf(EXCHANGE));

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).contains("needs dhclient (apt-get install isc-dhcp-client)");
        assertThatNoException().isThrownBy(() -> extension.beforeEach(contextOf(EXCHANGE)));
    }

    @Test
    void failsWithTheSameReasonWhenRequired() {
        NetnsExtension extension = new NetnsExtension(machine(true, true, "ip", "tcpdump"), true);

        ConditionEvaluationResult result = extension.evaluateExecutionCondition(contextOf(EXCHANGE));

        assertThat(result.isDisabled()).isFalse();
        assertThatIllegalStateException()
                .isThrownBy(() -> extension.beforeEach(contextOf(EXCHANGE)))
                .withMessageContaining("needs dhclient (apt-get install isc-dhcp-client)")
                .withMessageContaining("leasedesk.netns.required=true");
    }

    @Test
    void failsBeforeAClassBuildsItsSharedLabWhenRequired() {
        NetnsExtension extension = new NetnsExtension(machine(true, true, "ip"), true);

        assertThatIllegalStateException()
                .isThrownBy(() -> extension.beforeAll(contextOf(NeedsAPeer.class)))
                .withMessageContaining("needs tcpdump (apt-get install tcpdump)");
        assertThatNoException().isThrownBy(
                () -> new NetnsExtension(machine(true, true, "ip"), false).beforeAll(contextOf(NeedsAPeer.class)));
    }

    @Test
    void runsWhenEverythingIsThere() {
        NetnsExtension extension = new NetnsExtension(machine(true, true, "ip", "tcpdump", "dhclient"), true);

        assertThat(extension.evaluateExecutionCondition(contextOf(EXCHANGE)).isDisabled()).isFalse();
        assertThatNoException().isThrownBy(() -> extension.beforeEach(contextOf(EXCHANGE)));
    }

    @Test
    void requirementsOfClassAndMethodAddUp() {
        assertThat(NetnsExtension.requiredCommands(contextOf(EXCHANGE))).containsExactly("tcpdump", "dhclient");
    }

    @Test
    void namesRootBeforeAnyCommand() {
        assertThat(machine(true, false).unmetReason(Set.of("dhclient"))).contains("needs root to create network namespaces");
    }

    @Test
    void namesIpAndEveryMissingPeerAtOnce() {
        assertThat(machine(true, true).unmetReason(Set.of("udhcpc")))
                .contains("needs ip (apt-get install iproute2), udhcpc (apt-get install udhcpc)");
    }

    @Test
    void refusesOtherSystemsBeforeAskingForRoot() {
        assertThat(machine(false, false).unmetReason(Set.of())).contains("needs Linux network namespaces");
    }

    private static NetnsPrerequisites machine(boolean linux, boolean root, String... commands) {
        Set<String> installed = Set.of(commands);
        return new NetnsPrerequisites(new NetnsPrerequisites.Machine() {
            @Override
            public boolean isLinux() {
                return linux;
            }

            @Override
            public boolean isRoot() {
                return root;
            }

            @Override
            public boolean hasCommand(String command) {
                return installed.contains(command);
            }
        });
    }

    /** The two things the extension asks a context; anything else is a test bug and says so. */
    private static ExtensionContext contextOf(Method method) {
        return (ExtensionContext) Proxy.newProxyInstance(NetnsExtensionTest.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, called, arguments) -> switch (called.getName()) {
                    case "getTestClass" -> Optional.of(method.getDeclaringClass());
                    case "getTestMethod" -> Optional.of(method);
                    default -> throw new UnsupportedOperationException("ExtensionContext." + called.getName());
                });
    }

    /** A class-level context, as JUnit hands to {@code beforeAll}: a class and no method. */
    private static ExtensionContext contextOf(Class<?> testClass) {
        return (ExtensionContext) Proxy.newProxyInstance(NetnsExtensionTest.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, called, arguments) -> switch (called.getName()) {
                    case "getTestClass" -> Optional.of(testClass);
                    case "getTestMethod" -> Optional.empty();
                    default -> throw new UnsupportedOperationException("ExtensionContext." + called.getName());
                });
    }

    private static Method methodOf(Class<?> type, String name) {
        try {
            return type.getDeclaredMethod(name);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }
}
