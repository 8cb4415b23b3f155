package org.leasedesk.server.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leasedesk.server.classify.ClassDefinition.required;
import static org.leasedesk.server.classify.ClassDefinition.tested;
import static org.leasedesk.server.classify.ClassDefinition.untested;
import static org.leasedesk.server.classify.Packets.ascii;
import static org.leasedesk.server.classify.Packets.discover;
import static org.leasedesk.server.classify.Packets.onEth0;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientClassifierTest {

    private static ClientClassifier classifier(ClassDefinition... definitions) {
        try {
            return new ClientClassifier(List.of(definitions));
        } catch (ClassDefinitionException e) {
            throw new AssertionError(e);
        }
    }

    private static ClassDefinitionException refused(ClassDefinition... definitions) {
        try {
            new ClientClassifier(List.of(definitions));
        } catch (ClassDefinitionException e) {
            return e;
        }
        throw new AssertionError("Kea refuses this class list");
    }

    private static final PacketView PXE = onEth0(discover().vendorClassIdentifier("PXEClient:Arch:00000:UNDI:002001"));
    private static final PacketView PLAIN = onEth0(discover());

    // ---- load time ----

    @Test
    void aTestMayUseOnlyBuiltInClassesAndClassesDefinedEarlier() {
        ClassDefinitionException later = refused(tested("a", "member('b')"), tested("b", "option[60].exists"));
        assertThat(later.index()).isZero();
        assertThat(later.className()).isEqualTo("a");
        assertThat(later.getMessage()).startsWith("client-classes[0] ('a'): test at 8: member('b') names a class that is neither built in");
        assertThat(later.expressionError()).hasValueSatisfying(e -> assertThat(e.column()).isEqualTo(8));

        assertThat(refused(tested("a", "option[60].exists"), tested("b", "member('a') or member('c')")).index()).isEqualTo(1);
        assertThat(refused(tested("self", "member('self')")).index()).isZero();
        assertThat(refused(tested("d", "member('DROP')")).getMessage()).contains("member('DROP')");

        classifier(tested("a", "member('ALL') and member('KNOWN') and member('UNKNOWN') and member('BOOTP')"),
                tested("b", "member('VENDOR_CLASS_docsis3.0') or member('HA_server1') or member('AFTER_x') or member('EXTERNAL_y')"),
                tested("c", "member('a') and member('b')"));
        assertThat(refused(tested("a", "member('VENDOR_CLASS_')")).getMessage()).contains("member('VENDOR_CLASS_')");
    }

    @Test
    void namesMustBeNonEmptyAndUnique() {
        assertThat(refused(untested("")).getMessage()).isEqualTo("client-classes[0] (''): a class needs a non-empty name");
        ClassDefinitionException twice = refused(untested("a"), untested("b"), tested("a", "option[1].exists"));
        assertThat(twice.index()).isEqualTo(2);
        assertThat(twice.getMessage()).contains("already used by client-classes[0]");
    }

    @Test
    void builtInClassesMayCarryOptionsButNotATestAndDropIsNeverRequired() {
        classifier(untested("ALL"), untested("KNOWN"), untested("UNKNOWN"));
        assertThat(refused(tested("KNOWN", "option[1].exists")).getMessage()).contains("built-in class KNOWN");
        assertThat(refused(new ClassDefinition("ALL", Optional.empty(), true)).getMessage()).contains("built-in class ALL");
        assertThat(refused(required("DROP", "option[1].exists")).getMessage()).contains("DROP cannot be only-if-required");
        classifier(tested("DROP", "member('KNOWN')"));
    }

    @Test
    void aBadTestIsReportedWithTheClassIndexAndTheExpressionPosition() {
        ClassDefinitionException e = refused(untested("a"), tested("b", "substring(option[60].hex, 0, 6 == 'x'"));
        assertThat(e.index()).isEqualTo(1);
        assertThat(e.getMessage()).isEqualTo("client-classes[1] ('b'): test at 32: expected ')' after substring's length, found '=='");
    }

    // ---- arrival ----

    @Test
    void onArrivalAllThenTheVendorClassThenMatchingClassesInListOrder() {
        ClientClassifier classes = classifier(
                tested("pxe", "substring(option[60].hex,0,9) == 'PXEClient'"),
                tested("phones", "substring(option[60].hex,0,6) == 'Aastra'"),
                untested("reserved-only"),
                required("late", "option[60].exists"),
                tested("pxe-too", "member('pxe')"),
                tested("everyone", "member('ALL')"));
        Classification first = classes.classify(PXE);
        assertThat(first.classes()).containsExactly("ALL", "VENDOR_CLASS_PXEClient:Arch:00000:UNDI:002001", "pxe", "pxe-too", "everyone");
        assertThat(first.stage()).isEqualTo(Classification.Stage.ARRIVAL);
        assertThat(first.contains("pxe")).isTrue();
        assertThat(first.contains("late")).isFalse();
        assertThat(first.drop()).isFalse();
        assertThat(classes.classify(PLAIN).classes()).containsExactly("ALL", "everyone");
    }

    @Test
    void theVendorClassNameLosesTrailingNulsAndNulsAloneGiveNone() {
        ClientClassifier classes = classifier(tested("modem", "member('VENDOR_CLASS_docsis3.0')"));
        assertThat(classes.classify(onEth0(discover().option(60, ascii("docsis3.0\0")))).classes())
                .containsExactly("ALL", "VENDOR_CLASS_docsis3.0", "modem");
        assertThat(classes.classify(onEth0(discover().option(60, new byte[] {0}))).classes()).containsExactly("ALL");
    }

    @Test
    void dropIsAnOrdinaryTestedClass() {
        ClientClassifier classes = classifier(tested("DROP", "substring(option[60].hex,0,9) == 'PXEClient'"));
        assertThat(classes.classify(PXE).drop()).isTrue();
        assertThat(classes.classify(PLAIN).drop()).isFalse();
    }

    // ---- after the host lookup ----

    @Test
    void classesDependingOnKnownDirectlyOrThroughOthersWaitForTheHostLookup() {
        ClientClassifier classes = classifier(
                tested("known-pxe", "member('KNOWN') and option[60].exists"),
                tested("stranger", "member('UNKNOWN')"),
                tested("via-known", "member('known-pxe') or member('ALL')"),
                tested("plain", "member('ALL')"));
        assertThat(classes.dependsOnKnown("known-pxe")).isTrue();
        assertThat(classes.dependsOnKnown("via-known")).isTrue();
        assertThat(classes.dependsOnKnown("plain")).isFalse();

        Classification first = classes.classify(PLAIN);
        assertThat(first.classes()).containsExactly("ALL", "plain");

        Classification known = first.afterHostLookup(true);
        assertThat(known.classes()).containsExactly("ALL", "plain", "KNOWN", "via-known");
        assertThat(known.stage()).isEqualTo(Classification.Stage.AFTER_HOST_LOOKUP);

        Classification unknown = first.afterHostLookup(false);
        assertThat(unknown.classes()).containsExactly("ALL", "plain", "UNKNOWN", "stranger", "via-known");
        // The arrival classification is unchanged.
        assertThat(first.classes()).containsExactly("ALL", "plain");
    }

    @Test
    void theManualsKnownExample() {
        ClientClassifier classes = classifier(untested("foo"), tested("known-not-foo", "member('KNOWN') and not member('foo')"));
        Classification first = classes.classify(PLAIN);
        assertThat(first.afterHostLookup(true).classes()).containsExactly("ALL", "KNOWN", "known-not-foo");
        assertThat(first.afterHostLookup(true, List.of("foo")).classes()).containsExactly("ALL", "foo", "KNOWN");
        assertThat(first.afterHostLookup(false).classes()).containsExactly("ALL", "UNKNOWN");
    }

    @Test
    void reservedClassesAreAddedAndTheFirstPassRunsAgain() {
        ClientClassifier classes = classifier(
                untested("blocked"),
                tested("guest", "not member('blocked')"),
                tested("pxe", "option[60].exists"));
        Classification first = classes.classify(PXE);
        assertThat(first.classes()).containsExactly("ALL", "VENDOR_CLASS_PXEClient:Arch:00000:UNDI:002001", "guest", "pxe");
        assertThat(first.afterHostLookup(true, List.of("blocked")).classes())
                .containsExactly("ALL", "VENDOR_CLASS_PXEClient:Arch:00000:UNDI:002001", "blocked", "pxe", "KNOWN");
    }

    // ---- required classes ----

    @Test
    void requiredClassesAreTestedLastInTheOrderGivenOnceEach() {
        ClientClassifier classes = classifier(
                required("subnet-pxe", "option[60].exists"),
                required("network-all", "member('ALL')"),
                tested("early", "member('ALL')"),
                untested("no-test"),
                required("pool-needs-subnet", "member('subnet-pxe')"),
                required("never", "option[61].exists"));
        Classification known = classes.classify(PXE).afterHostLookup(true);
        assertThat(known.classes()).containsExactly("ALL", "VENDOR_CLASS_PXEClient:Arch:00000:UNDI:002001", "early", "KNOWN");

        Classification done = known.withRequired(List.of("network-all", "subnet-pxe", "no-test", "undefined",
                "network-all", "never", "early", "pool-needs-subnet"));
        assertThat(done.classes()).containsExactly("ALL", "VENDOR_CLASS_PXEClient:Arch:00000:UNDI:002001", "early", "KNOWN",
                "network-all", "subnet-pxe", "pool-needs-subnet");
        assertThat(done.stage()).isEqualTo(Classification.Stage.FINAL);
        // A pool's class listed before the subnet's sees no subnet class yet.
        assertThat(known.withRequired(List.of("pool-needs-subnet", "subnet-pxe")).classes())
                .containsExactly("ALL", "VENDOR_CLASS_PXEClient:Arch:00000:UNDI:002001", "early", "KNOWN", "subnet-pxe");
    }

    @Test
    void stepsGoForwardOnly() {
        ClientClassifier classes = classifier(tested("a", "member('ALL')"));
        Classification known = classes.classify(PLAIN).afterHostLookup(true);
        assertThatThrownBy(() -> known.afterHostLookup(false)).isInstanceOf(IllegalStateException.class);
        Classification done = known.withRequired(List.of());
        assertThatThrownBy(() -> done.withRequired(List.of("a"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> done.afterHostLookup(true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void evaluationErrorsLeaveTheClassOutAndAreListed() {
        ClientClassifier classes = classifier(tested("bad", "int16totext(option[60].hex) == '1'"), tested("good", "member('ALL')"));
        Classification first = classes.classify(PXE);
        assertThat(first.classes()).containsExactly("ALL", "VENDOR_CLASS_PXEClient:Arch:00000:UNDI:002001", "good");
        assertThat(first.evaluationErrors()).containsExactly("bad");
        assertThat(classes.classify(PLAIN).evaluationErrors()).isEmpty();
    }

    @Test
    void classNamesFromPacketBytesMatchConfiguredNamesOnlyWhenTheyAreTheSameUtf8() {
        assertThat(Classification.className(ascii("docsis3.0"))).isEqualTo("docsis3.0");
        assertThat(Classification.className(new byte[] {(byte) 0xc3, (byte) 0xa9})).isEqualTo("é");
        assertThat(Classification.className(new byte[] {(byte) 0xe9})).isNotEqualTo("é").hasSize(1);
    }
}
