package org.ams.agent.transport;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.ams.protocol.wire.AgentApi;
import org.ams.protocol.wire.ApiError;
import org.ams.protocol.wire.CheckInRequest;
import org.ams.protocol.wire.CheckInResponse;
import org.ams.protocol.wire.KeyUploadRequest;
import org.ams.protocol.wire.KeyUploadResponse;
import org.ams.protocol.wire.RegistrationRequest;
import org.ams.protocol.wire.RegistrationResponse;

/** The agent API's calls over HTTPS, JSON in and out. */
public final class AgentClient implements AgentServer {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String serverUrl;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public AgentClient(String serverUrl, ServerTrust trust) {
        this.serverUrl = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        this.http = HttpClient.newBuilder()
                .sslContext(trust.sslContext())
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public String serverUrl() {
        return serverUrl;
    }

    public RegistrationResponse register(RegistrationRequest request) throws AgentApiException {
        return post(AgentApi.REGISTRATIONS, request, null, RegistrationResponse.class);
    }

    @Override
    public CheckInResponse checkIn(CheckInRequest request, String assertion) throws AgentApiException {
        return post(AgentApi.CHECK_INS, request, assertion, CheckInResponse.class);
    }

    @Override
    public KeyUploadResponse uploadKeys(KeyUploadRequest request, String assertion) throws AgentApiException {
        return post(AgentApi.KEYS, request, assertion, KeyUploadResponse.class);
    }

    private <T> T post(String path, Object body, String assertion, Class<T> answer) throws AgentApiException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serverUrl + AgentApi.BASE_PATH + path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        if (assertion != null) {
            request.header("Authorization", AgentApi.AUTHORIZATION_SCHEME + " " + assertion);
        }
        HttpResponse<byte[]> response;
        try {
            request.POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AgentApiException("Cannot reach the AMS server at " + serverUrl + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentApiException("Interrupted while talking to " + serverUrl, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw refusal(response);
        }
        try {
            return json.readValue(response.body(), answer);
        } catch (IOException e) {
            throw new AgentApiException(response.statusCode(), "BAD_RESPONSE",
                    "The server's answer to " + path + " is not what this agent understands.");
        }
    }

    private AgentApiException refusal(HttpResponse<byte[]> response) {
        try {
            ApiError error = json.readValue(response.body(), ApiError.class);
            if (error.code() != null) {
                return new AgentApiException(response.statusCode(), error.code(), error.message());
            }
        } catch (IOException notJson) {
            // Falls through to the generic message: a proxy or the server's own error page answered.
        }
        return new AgentApiException(response.statusCode(), null,
                "The server answered HTTP " + response.statusCode() + " without an AMS error message. Is "
                        + serverUrl + " the AMS server?");
    }

    private static String describe(IOException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message;
    }
}
