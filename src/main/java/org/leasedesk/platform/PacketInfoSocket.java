package org.leasedesk.platform;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A Linux UDP socket on 0.0.0.0 that tells, for every datagram, the interface it arrived on and the
 * address it was sent to (IP_PKTINFO), and sends through a chosen interface, broadcasts included.
 * A DHCP server serving several links needs both: the link decides the subnet, and a broadcast
 * OFFER must leave through the link the DISCOVER came from, whatever the routing table says.
 *
 * <p>The port is bound exclusively (no SO_REUSEADDR), so a second server cannot share it. The
 * socket belongs to the network namespace of the thread that opens it. Linux on LP64 machines only
 * ({@link #isSupported()}).
 */
public final class PacketInfoSocket implements AutoCloseable {

    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_BROADCAST = 6;
    private static final int SO_RCVBUF = 8;
    private static final int SO_RCVTIMEO = 20;
    private static final int IPPROTO_IP = 0;
    private static final int IP_PKTINFO = 8;
    private static final int SHUT_RDWR = 2;
    private static final int SIOCGIFADDR = 0x8915;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;
    private static final int EADDRINUSE = 98;
    private static final int EACCES = 13;

    private static final int SOCKADDR_IN = 16;
    private static final int MSGHDR = 56;
    private static final int IOVEC = 16;
    /** CMSG_SPACE(sizeof(struct in_pktinfo)): a 16-byte header and 12 bytes of data, aligned to 8. */
    private static final int PKTINFO_CONTROL = 32;
    private static final int RECEIVE_CONTROL = 128;
    private static final int IFNAMSIZ = 16;

    interface Libc extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        int setsockopt(int fd, int level, int name, Pointer value, int length) throws LastErrorException;

        int bind(int fd, Pointer address, int length) throws LastErrorException;

        long recvmsg(int fd, Pointer message, int flags) throws LastErrorException;

        long sendmsg(int fd, Pointer message, int flags) throws LastErrorException;

        int ioctl(int fd, long request, Pointer argument) throws LastErrorException;

        int shutdown(int fd, int how) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        int if_nametoindex(String name);

        Pointer if_indextoname(int index, Pointer name);
    }

    private static final class Holder {
        private static final Libc LIBC = Native.load("c", Libc.class);
    }

    /** A datagram's length and what IP_PKTINFO said of it. */
    public record Received(int length, InetSocketAddress source, int interfaceIndex, Inet4Address destination) {}

    private final int fd;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Receiving and sending hold it shared; closing takes it whole, so no call meets a descriptor number reused after close. */
    private final ReadWriteLock inUse = new ReentrantReadWriteLock();
    private final Memory receiveMessage = new Memory(MSGHDR);
    private final Memory receiveSource = new Memory(SOCKADDR_IN);
    private final Memory receiveVector = new Memory(IOVEC);
    private final Memory receiveControl = new Memory(RECEIVE_CONTROL);
    private final Memory receiveBuffer;
    private final ThreadLocal<SendBuffers> sendBuffers = ThreadLocal.withInitial(SendBuffers::new);
    private final ConcurrentHashMap<Integer, String> names = new ConcurrentHashMap<>();

    private PacketInfoSocket(int fd, int port, int maxDatagram) {
        this.fd = fd;
        this.port = port;
        this.receiveBuffer = new Memory(maxDatagram);
    }

    /** Whether this machine can have such a socket: Linux with 64-bit pointers. */
    public static boolean isSupported() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux") && Native.POINTER_SIZE == 8
                && Native.LONG_SIZE == 8;
    }

    /**
     * Opens the socket and binds 0.0.0.0:{@code port} exclusively.
     *
     * @param receiveBufferBytes the kernel's receive buffer, so bursts wait there rather than being dropped
     * @throws PortInUseException when another socket holds the port
     * @throws IOException when the port needs privileges or the socket cannot be made
     */
    public static PacketInfoSocket bind(int port, int receiveBufferBytes, int maxDatagram) throws IOException {
        int fd;
        try {
            fd = Holder.LIBC.socket(AF_INET, SOCK_DGRAM, 0);
        } catch (LastErrorException e) {
            throw new IOException("cannot open a UDP socket: " + e.getMessage(), e);
        }
        try {
            setInt(fd, SOL_SOCKET, SO_BROADCAST, 1);
            setInt(fd, IPPROTO_IP, IP_PKTINFO, 1);
            setInt(fd, SOL_SOCKET, SO_RCVBUF, receiveBufferBytes);
            // A blocked receive wakes at least once a second, so closing never hangs on a quiet link.
            Memory timeout = new Memory(16);
            timeout.setLong(0, 1);
            timeout.setLong(8, 0);
            Holder.LIBC.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout, 16);
            Memory address = new Memory(SOCKADDR_IN);
            writeSocketAddress(address, new byte[4], port);
            Holder.LIBC.bind(fd, address, SOCKADDR_IN);
            return new PacketInfoSocket(fd, port, maxDatagram);
        } catch (LastErrorException e) {
            closeQuietly(fd);
            if (e.getErrorCode() == EADDRINUSE) {
                throw new PortInUseException(port, e);
            }
            if (e.getErrorCode() == EACCES) {
                throw new IOException("Permission denied: port " + port + " needs root or CAP_NET_BIND_SERVICE", e);
            }
            throw new IOException("cannot bind UDP port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Another socket holds the port. */
    public static final class PortInUseException extends IOException {
        PortInUseException(int port, Throwable cause) {
            super("Address already in use: UDP port " + port, cause);
        }
    }

    public int port() {
        return port;
    }

    /**
     * Waits up to a second for a datagram and copies it into {@code into} (at most its length).
     *
     * @return what arrived, or empty when nothing did
     * @throws IOException once the socket is closed, or when the kernel reports an error
     */
    public Optional<Received> receive(byte[] into) throws IOException {
        inUse.readLock().lock();
        try {
            return receiveLocked(into);
        } finally {
            inUse.readLock().unlock();
        }
    }

    private Optional<Received> receiveLocked(byte[] into) throws IOException {
        if (closed.get()) {
            throw new IOException("socket closed");
        }
        receiveVector.setPointer(0, receiveBuffer);
        receiveVector.setLong(8, receiveBuffer.size());
        receiveMessage.clear();
        receiveMessage.setPointer(0, receiveSource);
        receiveMessage.setInt(8, SOCKADDR_IN);
        receiveMessage.setPointer(16, receiveVector);
        receiveMessage.setLong(24, 1);
        receiveMessage.setPointer(32, receiveControl);
        receiveMessage.setLong(40, RECEIVE_CONTROL);
        long length;
        try {
            length = Holder.LIBC.recvmsg(fd, receiveMessage, 0);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EAGAIN || e.getErrorCode() == EINTR) {
                if (closed.get()) {
                    throw new IOException("socket closed", e);
                }
                return Optional.empty();
            }
            throw new IOException("receiving failed: " + e.getMessage(), e);
        }
        if (closed.get()) {
            throw new IOException("socket closed");
        }
        int copied = (int) Math.min(length, into.length);
        receiveBuffer.read(0, into, 0, copied);
        InetSocketAddress source = new InetSocketAddress(address(receiveSource.getByteArray(4, 4)),
                ((receiveSource.getByte(2) & 0xff) << 8) | (receiveSource.getByte(3) & 0xff));
        int interfaceIndex = 0;
        Inet4Address destination = address(new byte[4]);
        long controlLength = receiveMessage.getLong(40);
        for (long offset = 0; offset + 16 <= controlLength; ) {
            long cmsgLength = receiveControl.getLong(offset);
            if (cmsgLength < 16) {
                break;
            }
            if (receiveControl.getInt(offset + 8) == IPPROTO_IP && receiveControl.getInt(offset + 12) == IP_PKTINFO && cmsgLength >= 28) {
                interfaceIndex = receiveControl.getInt(offset + 16);
                destination = address(receiveControl.getByteArray(offset + 24, 4));
            }
            offset += (cmsgLength + 7) & ~7L;
        }
        return Optional.of(new Received(copied, source, interfaceIndex, destination));
    }

    /**
     * Sends {@code length} bytes of {@code datagram} to {@code destination}, through interface
     * {@code interfaceIndex} (0: as the routing table says) and from {@code source} (0.0.0.0: the
     * kernel chooses).
     */
    public void send(byte[] datagram, int length, InetSocketAddress destination, int interfaceIndex, Inet4Address source)
            throws IOException {
        SendBuffers buffers = sendBuffers.get();
        buffers.ensure(length);
        buffers.data.write(0, datagram, 0, length);
        writeSocketAddress(buffers.destination, destination.getAddress().getAddress(), destination.getPort());
        buffers.vector.setPointer(0, buffers.data);
        buffers.vector.setLong(8, length);
        buffers.control.clear();
        buffers.control.setLong(0, 28);
        buffers.control.setInt(8, IPPROTO_IP);
        buffers.control.setInt(12, IP_PKTINFO);
        buffers.control.setInt(16, interfaceIndex);
        buffers.control.write(20, source.getAddress(), 0, 4);
        buffers.message.clear();
        buffers.message.setPointer(0, buffers.destination);
        buffers.message.setInt(8, SOCKADDR_IN);
        buffers.message.setPointer(16, buffers.vector);
        buffers.message.setLong(24, 1);
        buffers.message.setPointer(32, buffers.control);
        buffers.message.setLong(40, PKTINFO_CONTROL);
        inUse.readLock().lock();
        try {
            if (closed.get()) {
                throw new IOException("socket closed");
            }
            Holder.LIBC.sendmsg(fd, buffers.message, 0);
        } catch (LastErrorException e) {
            throw new IOException("sending to " + destination + " failed: " + e.getMessage(), e);
        } finally {
            inUse.readLock().unlock();
        }
    }

    /** The interface's index in this socket's namespace, 0 when there is none. */
    public static int indexOf(String interfaceName) {
        return Holder.LIBC.if_nametoindex(interfaceName);
    }

    /** The interface's name for an index IP_PKTINFO gave, remembered after the first time. */
    public Optional<String> nameOf(int interfaceIndex) {
        if (interfaceIndex <= 0) {
            return Optional.empty();
        }
        String known = names.get(interfaceIndex);
        if (known != null) {
            return Optional.of(known);
        }
        Memory name = new Memory(IFNAMSIZ);
        name.clear();
        Pointer found = Holder.LIBC.if_indextoname(interfaceIndex, name);
        if (found == null) {
            return Optional.empty();
        }
        String resolved = name.getString(0, StandardCharsets.US_ASCII.name());
        names.put(interfaceIndex, resolved);
        return Optional.of(resolved);
    }

    /** The interface's (primary) IPv4 address, as SIOCGIFADDR reports it in this socket's namespace. */
    public Optional<Inet4Address> addressOf(String interfaceName) {
        byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
        if (name.length >= IFNAMSIZ) {
            return Optional.empty();
        }
        Memory request = new Memory(40);
        request.clear();
        request.write(0, name, 0, name.length);
        request.setShort(IFNAMSIZ, (short) AF_INET);
        try {
            Holder.LIBC.ioctl(fd, SIOCGIFADDR, request);
            return Optional.of(address(request.getByteArray(IFNAMSIZ + 4, 4)));
        } catch (LastErrorException noAddress) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            // Wakes a receive blocked in the kernel; an unconnected UDP socket says ENOTCONN but is woken all the same.
            Holder.LIBC.shutdown(fd, SHUT_RDWR);
        } catch (LastErrorException e) {
            // ENOTCONN is the normal answer here; anything else still ends in close below.
        }
        inUse.writeLock().lock();
        try {
            closeQuietly(fd);
        } finally {
            inUse.writeLock().unlock();
        }
    }

    private static void setInt(int fd, int level, int option, int value) {
        Memory memory = new Memory(4);
        memory.setInt(0, value);
        Holder.LIBC.setsockopt(fd, level, option, memory, 4);
    }

    private static void writeSocketAddress(Memory memory, byte[] address, int port) {
        memory.clear();
        memory.setShort(0, (short) AF_INET);
        memory.setByte(2, (byte) (port >> 8));
        memory.setByte(3, (byte) port);
        memory.write(4, address, 0, 4);
    }

    private static Inet4Address address(byte[] bytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("four bytes are always an IPv4 address", impossible);
        }
    }

    private static void closeQuietly(int fd) {
        try {
            Holder.LIBC.close(fd);
        } catch (LastErrorException ignored) {
            // Nothing more can be done with a descriptor that will not close.
        }
    }

    /** Native buffers for sending, one set per sending thread. */
    private static final class SendBuffers {
        final Memory message = new Memory(MSGHDR);
        final Memory destination = new Memory(SOCKADDR_IN);
        final Memory vector = new Memory(IOVEC);
        final Memory control = new Memory(PKTINFO_CONTROL);
        Memory data = new Memory(1500);

        void ensure(int length) {
            if (data.size() < length) {
                data = new Memory(length);
            }
        }
    }
}
