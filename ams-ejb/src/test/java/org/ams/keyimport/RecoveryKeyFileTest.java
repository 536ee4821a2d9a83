package org.ams.keyimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.ams.keyimport.RecoveryKeyFile.BadRow;
import org.ams.keyimport.RecoveryKeyFile.Content;
import org.ams.keyimport.RecoveryKeyFile.Row;
import org.ams.protocol.RecoveryPassword;
import org.ams.protocol.wire.DriveType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecoveryKeyFileTest {

    private static final String VALID = "531058-303050-716078-383614-460922-106975-083446-139161";
    /** The last group is 139162: not a multiple of 11. */
    private static final String BAD_CHECKSUM = "531058-303050-716078-383614-460922-106975-083446-139162";
    private static final String KEY_1 = "{1B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}";
    private static final String KEY_2 = "{2B4C0E26-3A4F-4B8E-9E2C-5D7A1F00C0DE}";
    private static final String HEADER = "Computer name,Key ID,Recovery password,Volume type,Created\n";

    private static Content read(String text) {
        return RecoveryKeyFile.read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("The documented columns: every field of a valid row read, the created time in UTC")
    void documentedColumns() {
        Content content = read(HEADER + "PC-0042," + KEY_1 + "," + VALID + ",0,2026-11-30 14:30:00\r\n"
                + "PC-0043,2b4c0e26-3a4f-4b8e-9e2c-5d7a1f00c0de,\"" + VALID.replace('-', ' ') + "\",Fixed data drive,"
                + "2026-11-30T14:30:00+01:00\n");

        assertEquals(List.of(), content.badRows());
        Row first = content.rows().get(0);
        assertEquals(2, first.line());
        assertEquals("PC-0042", first.computer());
        assertEquals(KEY_1, first.keyId().value());
        assertEquals(RecoveryPassword.parse(VALID), first.password());
        assertEquals(DriveType.OS, first.driveType());
        assertEquals(OffsetDateTime.of(2026, 11, 30, 14, 30, 0, 0, ZoneOffset.UTC), first.createdAt());
        Row second = content.rows().get(1);
        assertEquals(KEY_2, second.keyId().value(), "any letter case, braces or not");
        assertEquals(DriveType.FIXED, second.driveType());
        assertEquals(OffsetDateTime.of(2026, 11, 30, 13, 30, 0, 0, ZoneOffset.UTC), second.createdAt());
    }

    @Test
    @DisplayName("The ConfigMgr/MBAM export's header, columns in another order, a BOM and semicolons are accepted")
    void configMgrHeader() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = "RecoveryKeyId;RecoveryKey;ComputerName;VolumeGuid;LastUpdateTime\n"
                + KEY_1 + ";" + VALID + ";PC-0042;{AAAAAAAA-3A4F-4B8E-9E2C-5D7A1F00C0DE};2026-11-30\n";
        byte[] file = new byte[bom.length + text.getBytes(StandardCharsets.UTF_8).length];
        System.arraycopy(bom, 0, file, 0, 3);
        System.arraycopy(text.getBytes(StandardCharsets.UTF_8), 0, file, 3, file.length - 3);

        Content content = RecoveryKeyFile.read(file);

        assertEquals(List.of(), content.badRows());
        Row row = content.rows().get(0);
        assertEquals("PC-0042", row.computer());
        assertEquals("{AAAAAAAA-3A4F-4B8E-9E2C-5D7A1F00C0DE}", row.volumeId());
        assertNull(row.driveType(), "not in the file");
        assertEquals(OffsetDateTime.of(2026, 11, 30, 0, 0, 0, 0, ZoneOffset.UTC), row.createdAt());
    }

    @Test
    @DisplayName("Bad rows are listed with their line and reason, never with a digit of the password")
    void badRows() {
        Content content = read(HEADER
                + "PC-1," + KEY_1 + "," + BAD_CHECKSUM + ",0,\n"
                + "PC-2," + KEY_2 + "," + VALID + "\n"
                + "\"=cmd|' /C calc'!A0\"," + KEY_1 + "," + VALID + ",,\n"
                + "@SUM(1+1)," + KEY_1 + "," + VALID + ",,\n"
                + "x".repeat(300) + "," + KEY_1 + "," + VALID + ",,\n"
                + "PC-6,1B4C0E26," + VALID + ",,\n"
                + "PC-7," + KEY_1 + "," + VALID + ",5,\n"
                + "PC-8," + KEY_1 + "," + VALID + ",,yesterday\n"
                + "\n"
                + "\"PC-10\"," + KEY_1 + "," + VALID + ",0,2026-01-01\n");

        assertEquals(9, content.rowCount(), "the empty line is not a row");
        assertEquals(1, content.rows().size());
        assertEquals(11, content.rows().get(0).line());
        List<BadRow> bad = content.badRows();
        assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9), bad.stream().map(BadRow::line).toList());
        assertTrue(bad.get(0).reason().startsWith("the recovery password is not valid: "), bad.get(0).reason());
        assertTrue(bad.get(0).reason().contains("11"), "says the checksum is wrong: " + bad.get(0).reason());
        assertEquals("it has 3 column(s); the header has 5.", bad.get(1).reason());
        assertTrue(bad.get(2).reason().contains("formula"), bad.get(2).reason());
        assertFalse(bad.get(2).reason().contains("cmd"), "the payload is not repeated");
        assertTrue(bad.get(3).reason().contains("formula"), bad.get(3).reason());
        assertEquals("the computer name is longer than 255 characters.", bad.get(4).reason());
        assertTrue(bad.get(5).reason().contains("whole GUID"), bad.get(5).reason());
        assertTrue(bad.get(6).reason().startsWith("the volume type"), bad.get(6).reason());
        assertTrue(bad.get(7).reason().startsWith("the created time"), bad.get(7).reason());
        for (BadRow row : bad) {
            assertFalse(row.reason().contains("139162") || row.reason().contains("531058"), row.reason());
        }
    }

    @Test
    @DisplayName("Each leading formula character (= + - @, tab) in a name is refused")
    void formulaInjection() {
        for (String name : List.of("=1+1", "+1", "-1", "@A1", "\tPC")) {
            Content content = read(HEADER + "\"" + name + "\"," + KEY_1 + "," + VALID + ",,\n");
            assertEquals(1, content.badRows().size(), name);
            assertTrue(content.badRows().get(0).reason().contains("formula"), name);
        }
        assertTrue(RecoveryKeyFile.looksLikeFormula("=cmd|' /C calc'!A0"));
        assertFalse(RecoveryKeyFile.looksLikeFormula("PC-0042"));
    }

    @Test
    @DisplayName("Quoted fields may hold separators, quotes and line breaks; line numbers count physical lines")
    void quoting() {
        Content content = read(HEADER + "\"PC,1\"," + KEY_1 + "," + VALID + ",\"0\",\n"
                + "\"PC\n2\"," + KEY_2 + "," + VALID + ",,\n"
                + "PC-3," + KEY_1 + ",\"" + VALID + "\n");

        assertEquals(List.of(2, 3, 5), content.badRows().stream().map(BadRow::line).toList());
        assertTrue(content.badRows().get(0).reason().contains("character computer names cannot have"));
        assertTrue(content.badRows().get(1).reason().contains("control characters"));
        assertTrue(content.badRows().get(2).reason().contains("not closed"));
    }

    @Test
    @DisplayName("A file in another encoding, without a header, too large or with too many rows is refused whole")
    void wholeFileRefused() {
        byte[] latin1 = (HEADER + "PC-Müller," + KEY_1 + "," + VALID + ",,\n").getBytes(StandardCharsets.ISO_8859_1);
        KeyImportException encoding = assertThrows(KeyImportException.class, () -> RecoveryKeyFile.read(latin1));
        assertTrue(encoding.getMessage().startsWith("The file is not UTF-8 text: the bytes at line 2"),
                encoding.getMessage());

        byte[] utf16 = (HEADER).getBytes(StandardCharsets.UTF_16);
        assertTrue(assertThrows(KeyImportException.class, () -> RecoveryKeyFile.read(utf16)).getMessage()
                .contains("UTF-16"));
        byte[] utf16le = (HEADER).getBytes(StandardCharsets.UTF_16LE);
        assertTrue(assertThrows(KeyImportException.class, () -> RecoveryKeyFile.read(utf16le)).getMessage()
                .contains("NUL"));

        KeyImportException noHeader = assertThrows(KeyImportException.class,
                () -> read("PC-1," + KEY_1 + "," + VALID + "\n"));
        assertTrue(noHeader.getMessage().startsWith("The first line must be the header"), noHeader.getMessage());
        assertFalse(noHeader.getMessage().contains("531058"), "the first line is not repeated");

        assertThrows(KeyImportException.class, () -> RecoveryKeyFile.read(new byte[0]));
        assertTrue(assertThrows(KeyImportException.class,
                () -> RecoveryKeyFile.read(new byte[RecoveryKeyFile.MAX_BYTES + 1])).getMessage().contains("5 MiB"));

        StringBuilder many = new StringBuilder(HEADER);
        for (int i = 0; i <= RecoveryKeyFile.MAX_ROWS; i++) {
            many.append("PC,").append(KEY_1).append(",x,,\n");
        }
        assertTrue(assertThrows(KeyImportException.class, () -> read(many.toString())).getMessage()
                .contains("at most 10000"));
    }

    @Test
    @DisplayName("Volume types: Win32_EncryptableVolume's numbers and their names")
    void volumeTypes() {
        assertEquals(DriveType.OS, RecoveryKeyFile.driveType("Operating system drive"));
        assertEquals(DriveType.OS, RecoveryKeyFile.driveType("OperatingSystem"));
        assertEquals(DriveType.FIXED, RecoveryKeyFile.driveType("1"));
        assertEquals(DriveType.REMOVABLE, RecoveryKeyFile.driveType("removable_data"));
        assertNull(RecoveryKeyFile.driveType(""));
    }
}
