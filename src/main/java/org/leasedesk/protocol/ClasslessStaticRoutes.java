package org.leasedesk.protocol;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Option 121, classless static routes (RFC 3442), in the order the server sent them. */
public record ClasslessStaticRoutes(List<Route> routes) {

    /** One route: a destination network (host bits zero), its prefix length and the router to use. */
    public record Route(Inet4Address destination, int prefixLength, Inet4Address router) {

        public Route {
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(router, "router");
            if (prefixLength < 0 || prefixLength > 32) {
                throw new IllegalArgumentException("route prefix length must be 0-32, got " + prefixLength);
            }
            if ((Ipv4.toInt(destination) & ~mask(prefixLength)) != 0) {
                throw new IllegalArgumentException("route destination " + destination.getHostAddress() + "/" + prefixLength
                        + " has host bits set");
            }
        }

        /** Kea's text form: {@code 10.229.0.128/25 - 10.229.0.1}. */
        @Override
        public String toString() {
            return destination.getHostAddress() + "/" + prefixLength + " - " + router.getHostAddress();
        }

        private static int mask(int prefixLength) {
            return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        }
    }

    public ClasslessStaticRoutes {
        routes = List.copyOf(routes);
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("classless static routes need at least one route");
        }
    }

    public static ClasslessStaticRoutes decode(byte[] value) throws MalformedPacketException {
        List<Route> routes = new ArrayList<>();
        int p = 0;
        if (value.length == 0) {
            throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_LENGTH, "classless static routes (121) are empty");
        }
        while (p < value.length) {
            int width = value[p] & 0xff;
            if (width > 32) {
                throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_VALUE,
                        "classless static route at offset " + p + " has prefix width " + width + ", above 32");
            }
            int significant = (width + 7) / 8;
            if (p + 1 + significant + 4 > value.length) {
                throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_LENGTH,
                        "classless static route at offset " + p + " (/" + width + ") needs " + (1 + significant + 4)
                                + " bytes, only " + (value.length - p) + " left");
            }
            byte[] destination = new byte[4];
            System.arraycopy(value, p + 1, destination, 0, significant);
            Inet4Address network = Ipv4.fromBytes(destination, 0);
            Inet4Address router = Ipv4.fromBytes(value, p + 1 + significant);
            try {
                routes.add(new Route(network, width, router));
            } catch (IllegalArgumentException hostBits) {
                throw new MalformedPacketException(MalformedPacketException.Reason.BAD_OPTION_VALUE, hostBits.getMessage());
            }
            p += 1 + significant + 4;
        }
        return new ClasslessStaticRoutes(routes);
    }

    /** Each route as width, the significant destination octets only, then the router. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(routes.size() * 9);
        for (Route route : routes) {
            out.write(route.prefixLength());
            out.write(route.destination().getAddress(), 0, (route.prefixLength() + 7) / 8);
            out.writeBytes(route.router().getAddress());
        }
        return out.toByteArray();
    }
}
