package org.ams.platform;

/**
 * HTML that AMS writes itself, outside a Faces page (which escapes on its own): an email body built from a template,
 * an SVG drawn on the server. Values come from people and directories (a reason, a display name, a device name) and
 * must never change the structure of the markup around them.
 */
public final class Html {

    private Html() {
    }

    /**
     * The text as HTML character data, safe both between tags and inside a quoted attribute value (single or
     * double quotes): {@code & < > " '} become entities.
     *
     * @return the escaped text; the empty string for {@code null}, since an absent value shows as nothing
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
