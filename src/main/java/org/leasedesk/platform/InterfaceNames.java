package org.leasedesk.platform;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Locale;

/**
 * Turns a name a user typed into an {@link InterfaceName} of a real interface. On Linux the check
 * is if_nametoindex(3), which asks the kernel through a socket of the calling thread's network
 * namespace; {@link NetworkInterface} is not used there because the JDK reads part of it from
 * /proc/net, which follows the process's main thread, not the caller's namespace.
 */
public final class InterfaceNames {

    private InterfaceNames() {}

    /** The kernel's index of the interface, 0 when there is none (Linux). */
    interface Libc extends Library {
        int if_nametoindex(String name);
    }

    private static final class Holder {
        private static final Libc LIBC = Native.load("c", Libc.class);
    }

    /**
     * @throws IllegalArgumentException when the name is malformed or no such interface exists here
     */
    public static InterfaceName existing(String name) {
        InterfaceName checked = new InterfaceName(name);
        if (!exists(checked)) {
            throw new IllegalArgumentException("There is no network interface named '" + name + "' on this machine.");
        }
        return checked;
    }

    static boolean exists(InterfaceName name) {
        return index(name) > 0;
    }

    /** The interface's index in the calling thread's namespace, 0 when it does not exist. */
    public static int index(InterfaceName name) {
        if (System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Holder.LIBC.if_nametoindex(name.value());
        }
        try {
            NetworkInterface nic = NetworkInterface.getByName(name.value());
            return nic == null ? 0 : nic.getIndex();
        } catch (SocketException e) {
            return 0;
        }
    }
}
