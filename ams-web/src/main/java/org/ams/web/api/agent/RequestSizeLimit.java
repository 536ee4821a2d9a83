package org.ams.web.api.agent;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.ams.agents.AgentApiException;
import org.ams.agents.AgentRefusal;
import org.ams.protocol.wire.AgentApi;

/**
 * Refuses request bodies over {@link AgentApi#MAX_REQUEST_BYTES}: by the declared length before reading, and while
 * reading for bodies that do not declare one.
 */
@Provider
@PreMatching
public class RequestSizeLimit implements ContainerRequestFilter {

    /** Bodies up to this size are read and thrown away before refusing, so that the client receives the answer. */
    static final long DRAIN_LIMIT = 8L * AgentApi.MAX_REQUEST_BYTES;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > AgentApi.MAX_REQUEST_BYTES) {
            if (request.getLength() <= DRAIN_LIMIT) {
                drain(request.getEntityStream());
            }
            throw tooLarge();
        }
        request.setEntityStream(new Bounded(request.getEntityStream()));
    }

    /** A client still sending its body would not see a refusal sent over it; larger bodies just lose the connection. */
    private static void drain(InputStream body) {
        try {
            body.skip(DRAIN_LIMIT);
            byte[] buffer = new byte[8192];
            while (body.read(buffer) >= 0) {
                // discard
            }
        } catch (IOException ignored) {
            // The refusal below is the answer either way.
        }
    }

    private static AgentApiException tooLarge() {
        return new AgentApiException(AgentRefusal.REQUEST_TOO_LARGE, "The request body is larger than "
                + AgentApi.MAX_REQUEST_BYTES + " bytes.");
    }

    private static final class Bounded extends FilterInputStream {
        private long read;

        Bounded(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > AgentApi.MAX_REQUEST_BYTES) {
                throw tooLarge();
            }
        }
    }
}
