package org.leasedesk.testing.netns;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The few libc calls the Java side of a lab needs and the JDK does not offer: joining a network
 * namespace from one thread (setns), the effective user id, and signals other than TERM and KILL.
 */
interface LinuxCalls extends Library {

    /** clone(2) flag naming the network namespace type for setns(2). */
    int CLONE_NEWNET = 0x40000000;
    int O_RDONLY = 0;
    /** Keeps the namespace descriptor from leaking into processes the JVM starts meanwhile. */
    int O_CLOEXEC = 0x80000;

    /** Loaded on first use, so merely referring to this type on another OS does not fail. */
    static LinuxCalls libc() {
        return Holder.LIBC;
    }

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    int geteuid();

    int kill(int pid, int signal) throws LastErrorException;

    final class Holder {
        private static final LinuxCalls LIBC = Native.load("c", LinuxCalls.class);

        private Holder() {}
    }
}
