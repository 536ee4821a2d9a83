package org.ams.notify.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MessageTemplateTest {

    private static final String HOSTILE = "Eve\" , \"admin\": true, \"x\": \"</td><script>alert(1)</script>\\\r\nBcc: all@corp.example";

    @Test
    @DisplayName("Placeholders are replaced by their values, with or without spaces inside the braces")
    void substitutes() {
        MessageTemplate template = MessageTemplate.parse("{{user}} asked for {{ computer }}.", "the test template");

        String text = template.render(Map.of(TemplateVariable.USER, "jdoe", TemplateVariable.COMPUTER, "PC-1"),
                Escaping.HTML);

        assertEquals("jdoe asked for PC-1.", text);
        assertEquals(EnumSet.of(TemplateVariable.USER, TemplateVariable.COMPUTER), template.variables());
    }

    @Test
    @DisplayName("An email body gets values HTML-escaped: markup in a reason stays text")
    void htmlEscaping() {
        String body = MessageTemplate.parse("<td>{{reason}}</td>", "the body")
                .render(Map.of(TemplateVariable.REASON, "<b>\"Tom\" & 'Jerry'</b>"), Escaping.HTML);

        assertEquals("<td>&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</td>", body);
    }

    @Test
    @DisplayName("A webhook body gets values JSON-string-escaped: a value cannot leave its string or add fields")
    void jsonEscaping() {
        String body = MessageTemplate.parse("{\"text\": \"{{user}} asked\", \"admin\": false}", "the body")
                .render(Map.of(TemplateVariable.USER, HOSTILE + "\u0001\u2028"), Escaping.JSON_STRING);

        JsonObject json = Json.createReader(new StringReader(body)).readObject();
        assertEquals(2, json.size(), body);
        assertFalse(json.getBoolean("admin"));
        assertEquals(HOSTILE + "\u0001\u2028 asked", json.getString("text"));
    }

    @Test
    @DisplayName("A subject loses the line breaks a value could use to add mail headers")
    void subjectHeaderInjection() {
        String subject = MessageTemplate.parse("Access by {{user}}", "the subject")
                .render(Map.of(TemplateVariable.USER, "eve\r\nBcc: all@corp.example\n\tX: y"), Escaping.HEADER_LINE);

        assertFalse(subject.contains("\r") || subject.contains("\n"), subject);
        assertEquals("Access by eve  Bcc: all@corp.example  X: y", subject);
    }

    @Test
    @DisplayName("A template is text and placeholders only: nothing in a value is interpreted again")
    void valuesAreNotTemplates() {
        String text = MessageTemplate.parse("{{reason}}", "t")
                .render(Map.of(TemplateVariable.REASON, "{{user}} ${java.home} #{1+1}",
                        TemplateVariable.USER, "jdoe"), Escaping.HTML);

        assertEquals("{{user}} ${java.home} #{1+1}", text);
    }

    @Test
    @DisplayName("Unknown variables, unclosed and empty placeholders and empty templates are refused with the reason")
    void refusesBadTemplates() {
        assertEquals("The subject template uses the unknown variable {{recoveryPassword}}; use one of: "
                        + TemplateVariable.allNames() + ".",
                assertThrows(InvalidTemplateException.class,
                        () -> MessageTemplate.parse("{{recoveryPassword}}", "the subject template")).getMessage());
        assertTrue(assertThrows(InvalidTemplateException.class,
                () -> MessageTemplate.parse("Hello {{user", "the body")).getMessage()
                .contains("never closed with }}"));
        assertTrue(assertThrows(InvalidTemplateException.class,
                () -> MessageTemplate.parse("{{ }}", "the body")).getMessage().contains("not a variable name"));
        assertTrue(assertThrows(InvalidTemplateException.class,
                () -> MessageTemplate.parse("{{user.class}}", "the body")).getMessage().contains("not a variable name"));
        assertEquals("Enter the body.", assertThrows(InvalidTemplateException.class,
                () -> MessageTemplate.parse("  ", "the body")).getMessage());
    }

    @Test
    @DisplayName("No variable can carry a recovery password")
    void noSecretVariable() {
        for (TemplateVariable variable : TemplateVariable.values()) {
            assertFalse(variable.templateName().toLowerCase().contains("password"), variable.templateName());
        }
    }
}
