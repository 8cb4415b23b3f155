package org.leasedesk.bench;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.leasedesk.protocol.ClientFqdn;
import org.leasedesk.protocol.DhcpCodec;
import org.leasedesk.protocol.DhcpMessage;
import org.leasedesk.protocol.HardwareAddress;
import org.leasedesk.protocol.MalformedPacketException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decode and encode cost of the messages a server handles most: DISCOVER, REQUEST and ACK, each about
 * 300 bytes. Run with {@code ./mvnw -B -ntp -o -Pbench test-compile exec:exec@codec-bench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

    @Param({"DISCOVER", "REQUEST", "ACK"})
    public String kind;

    private final DhcpCodec codec = new DhcpCodec();
    private byte[] wire;
    private DhcpMessage decoded;
    private DhcpMessage built;

    @Setup
    public void prepare() throws MalformedPacketException {
        built = switch (kind) {
            case "DISCOVER" -> discover();
            case "REQUEST" -> request();
            case "ACK" -> DhcpMessage.ack(request(), ip(192, 0, 2, 1), ip(192, 0, 2, 10), 3600)
                    .renewalTime(1800).rebindingTime(3150)
                    .subnetMask(ip(255, 255, 255, 0)).routers(List.of(ip(192, 0, 2, 254)))
                    .domainNameServers(List.of(ip(192, 0, 2, 53), ip(198, 51, 100, 53)))
                    .domainName("example.com").hostName("pc1").build();
            default -> throw new IllegalArgumentException(kind);
        };
        wire = codec.encode(built);
        decoded = codec.decode(wire);
    }

    /** Received bytes to a message. */
    @Benchmark
    public DhcpMessage decode() throws MalformedPacketException {
        return codec.decode(wire);
    }

    /** A decoded message back to the same bytes (layout replay). */
    @Benchmark
    public byte[] encodeDecoded() {
        return codec.encode(decoded);
    }

    /** A freshly built message to bytes (layout planned). */
    @Benchmark
    public byte[] encodeBuilt() {
        return codec.encode(built);
    }

    /** What a server does per packet: decode the request and encode a message. */
    @Benchmark
    public byte[] decodeThenEncode() throws MalformedPacketException {
        return codec.encode(codec.decode(wire));
    }

    private static DhcpMessage discover() {
        return DhcpMessage.discover(HardwareAddress.parse("00:0c:29:aa:bb:cc"), 0x3903f326)
                .clientIdentifier(new byte[] {1, 0, 0x0c, 0x29, (byte) 0xaa, (byte) 0xbb, (byte) 0xcc})
                .hostName("pc1").parameterRequestList(1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42).build();
    }

    private static DhcpMessage request() {
        return DhcpMessage.requestSelecting(HardwareAddress.parse("00:0c:29:aa:bb:cc"), 0x3903f326, ip(192, 0, 2, 10), ip(192, 0, 2, 1))
                .clientIdentifier(new byte[] {1, 0, 0x0c, 0x29, (byte) 0xaa, (byte) 0xbb, (byte) 0xcc})
                .hostName("pc1").clientFqdn(ClientFqdn.encoded("pc1.example.com.", ClientFqdn.FLAG_SERVER_UPDATES))
                .parameterRequestList(1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42).maxMessageSize(1500).build();
    }

    private static Inet4Address ip(int a, int b, int c, int d) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
