package org.ams.keyimport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FileKeyImportTest {

    @Test
    @DisplayName("The file's name in the keys' origin and the audit trail: no folders, no control characters, not too long")
    void fileName() {
        assertEquals("keys.csv", FileKeyImport.fileName("C:\\Users\\admin\\Desktop\\keys.csv"));
        assertEquals("keys.csv", FileKeyImport.fileName("/home/admin/keys.csv"));
        assertEquals("keys.csv", FileKeyImport.fileName("keys\r\n.csv"));
        assertEquals("(unnamed)", FileKeyImport.fileName(null));
        assertEquals("(unnamed)", FileKeyImport.fileName("  "));
        assertEquals("x".repeat(100) + "...", FileKeyImport.fileName("x".repeat(300)));
    }
}
