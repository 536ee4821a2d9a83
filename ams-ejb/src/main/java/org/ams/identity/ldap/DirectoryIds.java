package org.ams.identity.ldap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns Active Directory's binary identifiers into the text forms administrators see in AD tools, so that a stored
 * principal id can be recognised in PowerShell ({@code Get-ADUser}) output. The BitLocker key import reads computers'
 * and recovery information's GUIDs and SIDs with it too.
 */
public final class DirectoryIds {

    private DirectoryIds() {
    }

    /**
     * objectGUID: 16 bytes, the first three fields little-endian (Microsoft's GUID layout), shown as
     * {@code 8-4-4-4-12} lower-case hex.
     */
    public static String objectGuid(byte[] bytes) {
        if (bytes == null || bytes.length != 16) {
            throw new IllegalArgumentException("an objectGUID has 16 bytes");
        }
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int data1 = le.getInt(0);
        short data2 = le.getShort(4);
        short data3 = le.getShort(6);
        StringBuilder text = new StringBuilder(36);
        text.append(String.format("%08x-%04x-%04x-", data1, data2 & 0xffff, data3 & 0xffff));
        for (int i = 8; i < 16; i++) {
            if (i == 10) {
                text.append('-');
            }
            text.append(String.format("%02x", bytes[i] & 0xff));
        }
        return text.toString();
    }

    /**
     * objectSid: revision, sub-authority count, a 48-bit big-endian identifier authority and that many 32-bit
     * little-endian sub-authorities, shown as {@code S-1-5-21-...}.
     */
    public static String objectSid(byte[] bytes) {
        if (bytes == null || bytes.length < 8 || bytes.length != 8 + 4 * (bytes[1] & 0xff)) {
            throw new IllegalArgumentException("not a binary SID");
        }
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = (authority << 8) | (bytes[i] & 0xff);
        }
        StringBuilder text = new StringBuilder("S-").append(bytes[0] & 0xff).append('-').append(authority);
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < (bytes[1] & 0xff); i++) {
            text.append('-').append(Integer.toUnsignedLong(le.getInt(8 + 4 * i)));
        }
        return text.toString();
    }

    /** The bytes of an objectGUID from its text form, to look it up; the reverse of {@link #objectGuid}. */
    static byte[] objectGuidBytes(String text) {
        if (text == null || !text.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
            throw new IllegalArgumentException("not an objectGUID");
        }
        String hex = text.replace("-", "");
        ByteBuffer le = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        le.putInt((int) Long.parseLong(hex.substring(0, 8), 16));
        le.putShort((short) Integer.parseInt(hex.substring(8, 12), 16));
        le.putShort((short) Integer.parseInt(hex.substring(12, 16), 16));
        for (int i = 16; i < 32; i += 2) {
            le.put((byte) Integer.parseInt(hex.substring(i, i + 2), 16));
        }
        return le.array();
    }

    /** The bytes of an objectSid from its {@code S-1-5-21-...} form, to look it up; the reverse of {@link #objectSid}. */
    static byte[] objectSidBytes(String text) {
        if (text == null || !text.matches("S-\\d{1,3}-\\d{1,15}(-\\d{1,10}){0,15}")) {
            throw new IllegalArgumentException("not a SID");
        }
        String[] parts = text.split("-");
        int subAuthorities = parts.length - 3;
        ByteBuffer bytes = ByteBuffer.allocate(8 + 4 * subAuthorities);
        bytes.put((byte) Integer.parseInt(parts[1]));
        bytes.put((byte) subAuthorities);
        long authority = Long.parseLong(parts[2]);
        for (int shift = 40; shift >= 0; shift -= 8) {
            bytes.put((byte) (authority >>> shift));
        }
        bytes.order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 3; i < parts.length; i++) {
            bytes.putInt((int) Long.parseLong(parts[i]));
        }
        return bytes.array();
    }
}
