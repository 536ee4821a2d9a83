/**
 * The template language notification messages are written in: {@link org.ams.notify.template.MessageTemplate},
 * {@code {{variable}}} substitution only (no logic, no includes), the variables a template may name
 * ({@link org.ams.notify.template.TemplateVariable}) and how each value is escaped for where it lands
 * ({@link org.ams.notify.template.Escaping}: HTML in an email body, a JSON string in a webhook body, one header line in
 * a subject). A template that cannot be used fails with an
 * {@link org.ams.notify.template.InvalidTemplateException} naming the template and what to change.
 * <p>
 * Knows nothing of channels or delivery; of its parent package only the exception family. A recovery password is
 * never a template variable.
 */
package org.ams.notify.template;
