package org.ams.notify.template;

import org.ams.notify.InvalidChannelException;

/** A template that cannot be used; the message names the template and what to change. */
public class InvalidTemplateException extends InvalidChannelException {
    public InvalidTemplateException(String message) {
        super(message);
    }
}
