package org.ams.notify.channel;

import org.ams.notify.AccessNotification;
import org.ams.notify.DeliveryFailedException;

/** Something a notification can be sent through: a mail server or a webhook receiver. */
public interface OutboundChannel {

    /** How long connecting may take before the attempt counts as failed. */
    int CONNECT_TIMEOUT_MILLIS = 10_000;
    /** How long waiting for each answer may take. */
    int READ_TIMEOUT_MILLIS = 20_000;

    /**
     * Sends one message about the access request and returns once the other side accepted it.
     *
     * @return what happened, in words for the page ("accepted by smtp.corp.example for 2 recipient(s)")
     * @throws DeliveryFailedException the other side did not accept it; the message is safe to show
     */
    String send(AccessNotification notification) throws DeliveryFailedException;
}
