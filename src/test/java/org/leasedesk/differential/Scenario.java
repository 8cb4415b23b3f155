package org.leasedesk.differential;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A scripted exchange, sent the same way to Kea 2.2 and to LeaseDesk, reading like the RFC
 * sentence it checks:
 *
 * <pre>{@code
 * scenario("relayed client renews by unicast from its own address: ACK, subnet chosen by ciaddr")
 *         .as(Client.relayed("02:00:00:00:20:01", "203.0.113.1"))
 *         .dora("A")
 *         .renew("A").expectAck("A").expect("destination", "A:68")
 * }</pre>
 *
 * <p>Each step's expectation is Kea's documented behaviour and is checked against Kea first, so a
 * scenario that misreads Kea (or a runner artefact) fails as such rather than as a LeaseDesk
 * difference. Steps may be split into phases by {@link Builder#after}: the runner runs phase 1 of
 * every scenario of a group, waits once, then phase 2 of every scenario, so waiting for leases to
 * expire costs one pause per group, not one per scenario.
 */
public record Scenario(String name, List<Phase> phases, List<String> references) {

    public Scenario {
        phases = List.copyOf(phases);
        references = List.copyOf(references);
    }

    /** Steps run back to back, after a pause counted from the end of the previous phase. */
    record Phase(Duration pauseBefore, List<Step> steps) {
        Phase {
            steps = List.copyOf(steps);
        }
    }

    public static Builder scenario(String name) {
        return new Builder(name);
    }

    List<Step> steps() {
        return phases.stream().flatMap(phase -> phase.steps().stream()).toList();
    }

    Set<Client> clients() {
        Set<Client> clients = new LinkedHashSet<>();
        steps().forEach(step -> clients.add(step.client()));
        return clients;
    }

    /** Builds a scenario step by step; {@link #as} chooses who sends the following steps. */
    public static final class Builder {
        private final String name;
        private final List<Phase> phases = new ArrayList<>();
        private final List<String> references = new ArrayList<>();
        private Duration pause = Duration.ZERO;
        private List<Step> steps = new ArrayList<>();
        private Client client;

        private Builder(String name) {
            this.name = name;
        }

        /** The following steps are sent by {@code sender}. */
        public Builder as(Client sender) {
            this.client = sender;
            return this;
        }

        /** Where Kea's behaviour in this scenario is documented: a source file and function, a manual section. */
        public Builder see(String reference) {
            references.add(reference);
            return this;
        }

        public StepBuilder discover() {
            return new StepBuilder(Step.Kind.DISCOVER, Optional.empty());
        }

        /** REQUEST in SELECTING: option 50 = {@code address}, option 54 = the server (192.0.2.1). */
        public StepBuilder request(String address) {
            return new StepBuilder(Step.Kind.SELECTING, Optional.of(address)).serverId(Addresses.text(Topology.SERVER));
        }

        /** REQUEST naming the server (option 54) but no address: neither option 50 nor ciaddr. */
        public StepBuilder requestWithoutAddress() {
            return new StepBuilder(Step.Kind.SELECTING, Optional.empty()).serverId(Addresses.text(Topology.SERVER));
        }

        /** REQUEST in INIT-REBOOT: option 50 = {@code address}, no server identifier, ciaddr 0. */
        public StepBuilder initReboot(String address) {
            return new StepBuilder(Step.Kind.INIT_REBOOT, Optional.of(address));
        }

        /** REQUEST in RENEWING: ciaddr = {@code address}, unicast to the server from that address. */
        public StepBuilder renew(String address) {
            return new StepBuilder(Step.Kind.RENEWING, Optional.of(address));
        }

        /** REQUEST in REBINDING: ciaddr = {@code address}, broadcast (or relayed). */
        public StepBuilder rebind(String address) {
            return new StepBuilder(Step.Kind.REBINDING, Optional.of(address));
        }

        /** RELEASE of {@code address} (ciaddr), naming the server; unicast, never answered. */
        public StepBuilder release(String address) {
            return new StepBuilder(Step.Kind.RELEASE, Optional.of(address)).serverId(Addresses.text(Topology.SERVER));
        }

        /** DECLINE of {@code address} (option 50), naming the server; broadcast, never answered. */
        public StepBuilder decline(String address) {
            return new StepBuilder(Step.Kind.DECLINE, Optional.of(address)).serverId(Addresses.text(Topology.SERVER));
        }

        /** INFORM from a client configured with {@code address} (ciaddr; "0.0.0.0" for a client that leaves it out). */
        public StepBuilder inform(String address) {
            return new StepBuilder(Step.Kind.INFORM, Optional.of(address));
        }

        /** DISCOVER, OFFER of a new address named {@code name}, REQUEST of it, ACK. */
        public Builder dora(String name) {
            return discover().expectOffer(name).request(name).expectAck(name);
        }

        /** Starts a new phase, run {@code pause} after this scenario's previous phase ended. */
        public Builder after(Duration pause) {
            if (steps.isEmpty()) {
                throw new IllegalStateException(name + ": a pause needs steps before it");
            }
            phases.add(new Phase(this.pause, steps));
            steps = new ArrayList<>();
            this.pause = pause;
            return this;
        }

        /** Kea's reply to the last step must also have this value in this field (as the diff shows it). */
        public Builder expect(String field, String value) {
            Step last = last();
            Map<String, String> fields = new LinkedHashMap<>(last.expectedFields());
            fields.put(field, value);
            replaceLast(new Step(last.kind(), last.client(), last.address(), last.serverId(), last.requestedAddress(),
                    last.leaseTime(), last.broadcastFlag(), last.route(), last.extraOptionsHex(), last.expectation(), fields,
                    last.onPurpose()));
            return this;
        }

        /** The last step's yiaddr is a name bound here to an address of this pool (as written in the configuration). */
        public Builder fromPool(String pool) {
            String name = last().expectation().yiaddr()
                    .filter(yiaddr -> !Addresses.isAddress(yiaddr))
                    .orElseThrow(() -> new IllegalStateException(this.name + ": fromPool needs a name in the expected yiaddr"));
            return expect(Observation.YIADDR, name + " (new, in pool " + pool + ")");
        }

        /**
         * LeaseDesk deliberately answers the last step differently: its {@code field} is
         * {@code leaseDeskValue} (more field, value pairs may follow), for the reason given; Kea's
         * must still differ in each. Use "reply" as the field for a reply where Kea sends none, or
         * the other way round: nothing else is compared then.
         */
        public Builder differsOnPurpose(String why, String field, String leaseDeskValue, String... moreFieldsAndValues) {
            if (moreFieldsAndValues.length % 2 != 0) {
                throw new IllegalArgumentException(name + ": differsOnPurpose takes field, value pairs");
            }
            Map<String, String> values = new LinkedHashMap<>();
            values.put(field, leaseDeskValue);
            for (int i = 0; i < moreFieldsAndValues.length; i += 2) {
                values.put(moreFieldsAndValues[i], moreFieldsAndValues[i + 1]);
            }
            Step last = last();
            replaceLast(new Step(last.kind(), last.client(), last.address(), last.serverId(), last.requestedAddress(),
                    last.leaseTime(), last.broadcastFlag(), last.route(), last.extraOptionsHex(), last.expectation(),
                    last.expectedFields(), Optional.of(new Step.OnPurpose(why, values))));
            return this;
        }

        public Scenario build() {
            if (!steps.isEmpty()) {
                phases.add(new Phase(pause, steps));
                steps = new ArrayList<>();
            }
            if (phases.isEmpty()) {
                throw new IllegalStateException(name + " has no steps");
            }
            return new Scenario(name, phases, references);
        }

        private Step last() {
            if (steps.isEmpty()) {
                throw new IllegalStateException(name + ": no step yet in this phase");
            }
            return steps.getLast();
        }

        private void replaceLast(Step step) {
            steps.set(steps.size() - 1, step);
        }

        /** A step being written: what it carries, then what Kea answers ({@code expect...} ends it). */
        public final class StepBuilder {
            private final Step.Kind kind;
            private final Optional<String> address;
            private Optional<String> serverId = Optional.empty();
            private Optional<String> requestedAddress = Optional.empty();
            private OptionalLong leaseTime = OptionalLong.empty();
            private Optional<Boolean> broadcastFlag = Optional.empty();
            private Optional<Step.Route> route = Optional.empty();
            private final Map<Integer, String> extraOptions = new LinkedHashMap<>();

            private StepBuilder(Step.Kind kind, Optional<String> address) {
                if (client == null) {
                    throw new IllegalStateException(name + ": say who sends with as(client) first");
                }
                this.kind = kind;
                this.address = address;
            }

            /** Option 54 naming this server (an address or a name); another server's address to ignore us. */
            public StepBuilder serverId(String server) {
                this.serverId = Optional.of(server);
                return this;
            }

            /** Without option 54, where the step normally carries it. */
            public StepBuilder withoutServerId() {
                this.serverId = Optional.empty();
                return this;
            }

            /** Option 50 on a DISCOVER: the address the client would like. */
            public StepBuilder requesting(String address) {
                this.requestedAddress = Optional.of(address);
                return this;
            }

            /** Option 51: the lease time the client asks for. */
            public StepBuilder leaseTime(long seconds) {
                this.leaseTime = OptionalLong.of(seconds);
                return this;
            }

            public StepBuilder broadcastFlag(boolean set) {
                this.broadcastFlag = Optional.of(set);
                return this;
            }

            /** Sent another way than the usual one for this message and client. */
            public StepBuilder route(Step.Route how) {
                this.route = Optional.of(how);
                return this;
            }

            /** Any other option, its value in hex. */
            public StepBuilder option(int code, String hex) {
                HexFormat.of().parseHex(hex.replace(":", ""));
                extraOptions.put(code, hex.replace(":", ""));
                return this;
            }

            /** An OFFER whose yiaddr is {@code address}: a literal, or a name (bound here if new). */
            public Builder expectOffer(String address) {
                return add("OFFER", Optional.of(address));
            }

            public Builder expectAck(String address) {
                return add("ACK", Optional.of(address));
            }

            /** An ACK whose yiaddr is not checked (INFORM: 0.0.0.0, compared literally anyway). */
            public Builder expectAck() {
                return add("ACK", Optional.empty());
            }

            public Builder expectNak() {
                return add("NAK", Optional.empty());
            }

            /** No reply at all; the runner checks once per group, after every scenario, that none came late. */
            public Builder expectNoReply() {
                return add(Step.Expectation.NONE, Optional.empty());
            }

            private Builder add(String reply, Optional<String> yiaddr) {
                steps.add(new Step(kind, client, address, serverId, requestedAddress, leaseTime, broadcastFlag, route,
                        extraOptions, new Step.Expectation(reply, yiaddr), Map.of(), Optional.empty()));
                return Builder.this;
            }
        }
    }
}
