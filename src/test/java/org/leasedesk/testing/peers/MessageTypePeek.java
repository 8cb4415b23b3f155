package org.leasedesk.testing.peers;

import java.util.OptionalInt;

/**
 * Finds the DHCP message type (option 53) in a raw BOOTP payload, and nothing else.
 *
 * <p>Deliberately independent of the codec in {@code org.leasedesk.protocol}: captures classified
 * with it become the golden files that test the codec, so a codec bug must not decide which
 * packet is filed as an OFFER. Only the options field is walked (no overload into file/sname);
 * every peer we capture puts option 53 there.
 */
public final class MessageTypePeek {

    public static final int DISCOVER = 1;
    public static final int OFFER = 2;
    public static final int REQUEST = 3;
    public static final int ACK = 5;

    private static final int OPTIONS_START = 240; // 236-byte BOOTP header, then the 4-byte magic cookie
    private static final int PAD = 0;
    private static final int END = 255;
    private static final int MESSAGE_TYPE = 53;

    private MessageTypePeek() {}

    public static OptionalInt messageType(byte[] bootp) {
        int position = OPTIONS_START;
        while (position < bootp.length) {
            int code = bootp[position] & 0xff;
            if (code == END) {
                break;
            }
            if (code == PAD) {
                position++;
                continue;
            }
            if (position + 1 >= bootp.length) {
                break;
            }
            int length = bootp[position + 1] & 0xff;
            if (code == MESSAGE_TYPE && length == 1 && position + 2 < bootp.length) {
                return OptionalInt.of(bootp[position + 2] & 0xff);
            }
            position += 2 + length;
        }
        return OptionalInt.empty();
    }

    /** A name for messages and file names: discover, offer, request, ack. */
    public static String name(int messageType) {
        return switch (messageType) {
            case DISCOVER -> "discover";
            case OFFER -> "offer";
            case REQUEST -> "request";
            case ACK -> "ack";
            default -> "type" + messageType;
        };
    }
}
