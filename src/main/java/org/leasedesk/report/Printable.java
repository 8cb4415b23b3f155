package org.leasedesk.report;

/** Shows text from a file in a message without letting it break the message (control characters, length). */
final class Printable {

    private static final int EXCERPT = 60;

    private Printable() {}

    static String excerpt(String text) {
        StringBuilder shown = new StringBuilder(Math.min(text.length(), EXCERPT) + 3);
        for (int i = 0; i < text.length() && i < EXCERPT; i++) {
            char c = text.charAt(i);
            shown.append(Character.isISOControl(c) || c == '\uFFFD' ? '?' : c);
        }
        return text.length() > EXCERPT ? shown + "..." : shown.toString();
    }
}
