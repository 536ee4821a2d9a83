package org.ams.agent.transport;

import org.ams.protocol.wire.CheckInRequest;
import org.ams.protocol.wire.CheckInResponse;
import org.ams.protocol.wire.KeyUploadRequest;
import org.ams.protocol.wire.KeyUploadResponse;

/** The calls a registered agent makes; {@link AgentClient} makes them over HTTPS. */
public interface AgentServer {

    CheckInResponse checkIn(CheckInRequest request, String assertion) throws AgentApiException;

    KeyUploadResponse uploadKeys(KeyUploadRequest request, String assertion) throws AgentApiException;
}
