package org.leasedesk.testing.netns;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test (method or class) that builds network namespaces and runs real peers in them.
 *
 * <p>It is skipped, with the reason, when the machine is not Linux, the JVM is not root, {@code ip}
 * is missing, or one of {@link #requires()} is missing. With {@code -Dleasedesk.netns.required=true}
 * (CI) it fails with the same reason instead, so a misconfigured CI machine cannot pass by
 * skipping everything. A test method may take a {@link NetworkLab} parameter: it is created for
 * that test and closed after it, killing every process and deleting every namespace it made.
 *
 * <pre>{@code
 * @Test
 * @NetnsTest(requires = {"dnsmasq", "dhclient"})
 * void clientGetsAnAddress(NetworkLab lab) { ... }
 * }</pre>
 *
 * <p>It is a condition, not a test annotation, so it combines with {@code @Test},
 * {@code @ParameterizedTest} and friends alike. Requirements on a class and on its methods add up. Tagged {@code netns} so a run can
 * include or exclude these tests with {@code -Dgroups} / {@code -DexcludedGroups}.
 */
@Documented
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("netns")
@ExtendWith(NetnsExtension.class)
public @interface NetnsTest {

    /** Commands the test runs besides {@code ip}, for example {@code "dhclient"} or {@code "tcpdump"}. */
    String[] requires() default {};
}
