package org.ams.notify.template;

import org.ams.platform.Html;

/**
 * How a variable's value is made harmless for the place a template puts it. Values come from people (a reason, a
 * display name from a directory) and must never change the structure of the message around them.
 */
public enum Escaping {

    /** An email body: the value is text inside HTML, so markup characters become entities. */
    HTML {
        @Override
        public String escape(String value) {
            return Html.escape(value);
        }
    },

    /**
     * A webhook body: the template author writes {@code "text": "{{user}}"}, so the value is the inside of a JSON
     * string and must not be able to end it. Line and paragraph separators are escaped too, for receivers that
     * evaluate JSON as JavaScript.
     */
    JSON_STRING {
        @Override
        public String escape(String value) {
            StringBuilder out = new StringBuilder(value.length() + 16);
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == 0x7f) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.toString();
        }
    },

    /**
     * An email subject: one header line. Line breaks would let a value add headers of its own (header injection),
     * so every control character, CR and LF included, becomes a space.
     */
    HEADER_LINE {
        @Override
        public String escape(String value) {
            StringBuilder out = new StringBuilder(value.length());
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
            }
            return out.toString();
        }
    };

    public abstract String escape(String value);
}
