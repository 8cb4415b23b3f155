package org.leasedesk.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Finds which process holds a file lock, where the operating system says so. On Linux,
 * /proc/locks lists each lock with the holder's pid and the file's device and inode; elsewhere the
 * holder stays unknown and the message says less.
 */
final class LockHolder {

    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private LockHolder() {}

    static OptionalLong find(Path lockedFile) {
        if (!Files.isReadable(PROC_LOCKS)) {
            return OptionalLong.empty();
        }
        try {
            long inode = ((Number) Files.getAttribute(lockedFile, "unix:ino")).longValue();
            long device = ((Number) Files.getAttribute(lockedFile, "unix:dev")).longValue();
            return holderIn(Files.readAllLines(PROC_LOCKS), device, inode);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Reads lines such as {@code 1: POSIX  ADVISORY  WRITE 11780 fe:00:2146764 0 EOF}: the pid, then
     * major:minor:inode with the device numbers in hex.
     */
    static OptionalLong holderIn(List<String> procLocksLines, long device, long inode) {
        String wanted = Long.toHexString(major(device)) + ":" + Long.toHexString(minor(device)) + ":" + inode;
        for (String line : procLocksLines) {
            String[] fields = line.strip().split("\\s+");
            // Lines starting with "->" are waiters, not holders; their fields shift by one.
            if (fields.length < 6 || fields[1].equals("->")) {
                continue;
            }
            if (normalise(fields[5]).equals(wanted)) {
                try {
                    long pid = Long.parseLong(fields[4]);
                    if (pid > 0) {
                        return OptionalLong.of(pid);
                    }
                } catch (NumberFormatException e) {
                    // An OFD lock shows -1 or a malformed pid: no holder to name.
                }
            }
        }
        return OptionalLong.empty();
    }

    // /proc/locks prints device numbers as two-digit hex, so strip leading zeros before comparing.
    private static String normalise(String deviceAndInode) {
        String[] parts = deviceAndInode.split(":");
        if (parts.length != 3) {
            return deviceAndInode;
        }
        try {
            return Long.toHexString(Long.parseLong(parts[0], 16)) + ":" + Long.toHexString(Long.parseLong(parts[1], 16))
                    + ":" + parts[2];
        } catch (NumberFormatException e) {
            return deviceAndInode;
        }
    }

    // Linux encodes dev_t with a 12-bit major and a 20-bit minor split across the 64 bits (sysmacros.h).
    private static long major(long device) {
        return ((device >>> 8) & 0xFFF) | ((device >>> 32) & ~0xFFFL);
    }

    private static long minor(long device) {
        return (device & 0xFF) | ((device >>> 12) & 0xFFFF_FF00L);
    }
}
