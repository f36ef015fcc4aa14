package dev.partnerconsent.operator;

import dev.partnerconsent.store.AuditRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuditCsvTest {

    @Test
    void everyFieldIsQuotedAndQuotesDoubled() {
        AuditRecord r = new AuditRecord(7, Instant.parse("2025-06-01T10:00:00Z"), "consent.stored",
                "Ann \"the admin\" <ann@x>", null, "version v1", "a, b\nc", "p", "h");
        assertEquals("\"7\",\"2025-06-01T10:00:00Z\",\"consent.stored\",\"Ann \"\"the admin\"\" <ann@x>\",\"\","
                + "\"version v1\",\"a, b\nc\",\"p\",\"h\"\r\n", AuditCsv.line(r));
    }

    @Test
    void aFieldASpreadsheetWouldRunAsAFormulaIsDefused() {
        for (String formula : new String[]{"=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)"}) {
            assertEquals("\"'" + formula.replace("\"", "\"\"") + "\"", AuditCsv.field(formula));
        }
        assertEquals("\"plain\"", AuditCsv.field("plain"));
    }
}
