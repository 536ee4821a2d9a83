package org.ams.notify.template;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A message template: literal text with {@code {{variable}}} placeholders, and nothing else. There are no
 * expressions, conditions or includes, so a template can never run code or reach anything but the variables of
 * {@link TemplateVariable}; an unknown name is refused when the template is saved, not when a message is sent.
 */
public final class MessageTemplate {

    public static final int MAX_LENGTH = 20_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    private final String text;
    private final List<Object> parts;

    private MessageTemplate(String text, List<Object> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * @param label how the administrator knows the field, for messages ("the subject template")
     * @throws InvalidTemplateException an empty or oversized template, an unclosed or empty placeholder, or an
     *         unknown variable
     */
    public static MessageTemplate parse(String text, String label) {
        if (text == null || text.isBlank()) {
            throw new InvalidTemplateException("Enter " + label + ".");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidTemplateException(capitalized(label) + " has at most " + MAX_LENGTH + " characters.");
        }
        List<Object> parts = new ArrayList<>();
        int position = 0;
        while (position < text.length()) {
            int open = text.indexOf("{{", position);
            if (open < 0) {
                parts.add(text.substring(position));
                break;
            }
            if (open > position) {
                parts.add(text.substring(position, open));
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new InvalidTemplateException(capitalized(label) + " opens a placeholder with {{ at character "
                        + (open + 1) + " that is never closed with }}.");
            }
            String name = text.substring(open + 2, close).strip();
            if (!NAME.matcher(name).matches()) {
                throw new InvalidTemplateException(capitalized(label) + " has a placeholder {{" + shortened(name)
                        + "}} that is not a variable name; use one of: " + TemplateVariable.allNames() + ".");
            }
            TemplateVariable variable = TemplateVariable.named(name).orElseThrow(() -> new InvalidTemplateException(
                    capitalized(label) + " uses the unknown variable {{" + name + "}}; use one of: "
                            + TemplateVariable.allNames() + "."));
            parts.add(variable);
            position = close + 2;
        }
        return new MessageTemplate(text, List.copyOf(parts));
    }

    /** Substitutes every placeholder with its value, escaped for the output; a missing value is empty. */
    public String render(Map<TemplateVariable, String> values, Escaping escaping) {
        Objects.requireNonNull(escaping, "escaping");
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (Object part : parts) {
            if (part instanceof TemplateVariable variable) {
                String value = values.get(variable);
                out.append(escaping.escape(value == null ? "" : value));
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    public Set<TemplateVariable> variables() {
        Set<TemplateVariable> used = EnumSet.noneOf(TemplateVariable.class);
        parts.stream().filter(TemplateVariable.class::isInstance).map(TemplateVariable.class::cast).forEach(used::add);
        return used;
    }

    public String text() {
        return text;
    }

    private static String shortened(String name) {
        return name.length() > 40 ? name.substring(0, 40) + "..." : name;
    }

    private static String capitalized(String label) {
        return label.isEmpty() ? label : Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }
}
