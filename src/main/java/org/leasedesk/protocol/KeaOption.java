package org.leasedesk.protocol;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One option as Kea 2.2 holds it after reading its configuration: the option's own data and the
 * sub-options it carries, which Kea keeps ordered by code (equal codes in the order they came). Its
 * {@link #value()} is what goes on the wire after the option's code and length.
 *
 * <p>Option 125 (vivso-suboptions) is laid out differently: its data is the enterprise number, and a
 * data-length byte comes between it and the sub-options (RFC 3925).
 */
public record KeaOption(int code, byte[] data, List<KeaOption> subOptions, boolean vendorLayout) {

    public KeaOption {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("option codes run from 0 to 255, not " + code);
        }
        data = data.clone();
        List<KeaOption> sorted = new ArrayList<>(subOptions);
        sorted.sort(Comparator.comparingInt(KeaOption::code));
        subOptions = List.copyOf(sorted);
        if (vendorLayout && data.length != 4) {
            throw new IllegalArgumentException("a vendor option's data is its 4-byte enterprise number");
        }
    }

    /** An option with data and no sub-options. */
    public static KeaOption of(int code, byte[] data) {
        return new KeaOption(code, data, List.of(), false);
    }

    /** Option 125's part for one enterprise: the enterprise number and its sub-options. */
    public static KeaOption vendor(long enterpriseId, List<KeaOption> subOptions) {
        byte[] id = {(byte) (enterpriseId >>> 24), (byte) (enterpriseId >>> 16), (byte) (enterpriseId >>> 8), (byte) enterpriseId};
        return new KeaOption(KeaOptionData.VIVSO, id, subOptions, true);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The enterprise number of a vendor option (125). */
    public long enterpriseId() {
        if (!vendorLayout) {
            throw new IllegalStateException("option " + code + " is not a vendor option");
        }
        return (data[0] & 0xffL) << 24 | (data[1] & 0xff) << 16 | (data[2] & 0xff) << 8 | data[3] & 0xff;
    }

    public boolean hasSubOption(int subCode) {
        return subOptions.stream().anyMatch(sub -> sub.code() == subCode);
    }

    /** This option with {@code sub} added, unless a sub-option with its code is already there (as Kea encapsulates). */
    public KeaOption withSubOption(KeaOption sub) {
        if (hasSubOption(sub.code())) {
            return this;
        }
        List<KeaOption> more = new ArrayList<>(subOptions);
        more.add(sub);
        return new KeaOption(code, data, more, vendorLayout);
    }

    /**
     * The option's value on the wire: its data, then each sub-option as code, length and value.
     *
     * @throws IllegalArgumentException when a sub-option, or option 125's sub-options together, exceed 255 bytes
     */
    public byte[] value() {
        ByteArrayOutputStream subs = new ByteArrayOutputStream();
        for (KeaOption sub : subOptions) {
            byte[] subValue = sub.value();
            if (subValue.length > 255) {
                throw new IllegalArgumentException("sub-option " + sub.code() + " of option " + code + " is " + subValue.length
                        + " bytes; a sub-option holds at most 255");
            }
            subs.write(sub.code());
            subs.write(subValue.length);
            subs.writeBytes(subValue);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(data);
        if (vendorLayout) {
            if (subs.size() > 255) {
                throw new IllegalArgumentException("the sub-options of enterprise " + enterpriseId() + " in option 125 are "
                        + subs.size() + " bytes; its data-length byte counts at most 255");
            }
            out.write(subs.size());
        }
        out.writeBytes(subs.toByteArray());
        return out.toByteArray();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeaOption that && code == that.code && vendorLayout == that.vendorLayout
                && Arrays.equals(data, that.data) && subOptions.equals(that.subOptions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, Arrays.hashCode(data), subOptions, vendorLayout);
    }

    @Override
    public String toString() {
        return "KeaOption[" + code + "=" + Hex.format(value()) + "]";
    }
}
