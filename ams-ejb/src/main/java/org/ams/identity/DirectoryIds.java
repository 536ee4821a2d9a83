package org.ams.identity;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns Active Directory's binary identifiers into the text forms administrators see in AD tools, so that a stored
 * principal id can be recognised in PowerShell ({@code Get-ADUser}) output.
 */
final class DirectoryIds {

    private DirectoryIds() {
    }

    /**
     * objectGUID: 16 bytes, the first three fields little-endian (Microsoft's GUID layout), shown as
     * {@code 8-4-4-4-12} lower-case hex.
     */
    static String objectGuid(byte[] bytes) {
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
    static String objectSid(byte[] bytes) {
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
}
