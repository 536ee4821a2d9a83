package org.ams.web.security;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.ams.identity.oidc.OidcProviderService;

/**
 * The public half of AMS's client key for the OpenID Connect private-key JWT credential, for the provider: the JWK set
 * at {@value #JWKS} (Keycloak: "Use JWKS URL") and the certificate at {@value #CERTIFICATE} (Entra ID: upload it
 * under Certificates &amp; secrets). Public, like any JWKS: it holds nothing secret. 404 while no key was generated.
 */
@WebServlet(urlPatterns = {OidcClientKeyServlet.JWKS, OidcClientKeyServlet.CERTIFICATE})
public class OidcClientKeyServlet extends HttpServlet {

    public static final String JWKS = "/oidc/jwks";
    public static final String CERTIFICATE = "/oidc/client-certificate.pem";
    private static final long serialVersionUID = 1L;

    @EJB
    private transient OidcProviderService providers;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean jwks = JWKS.equals(request.getServletPath());
        Optional<String> body = jwks ? providers.clientJwks() : providers.clientKeyCertificate();
        response.setHeader("Cache-Control", "no-cache");
        if (body.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "AMS has no client key yet.");
            return;
        }
        response.setCharacterEncoding("UTF-8");
        if (jwks) {
            response.setContentType("application/jwk-set+json");
        } else {
            response.setContentType("application/x-pem-file");
            response.setHeader("Content-Disposition", "attachment; filename=\"ams-oidc-client.pem\"");
        }
        response.getWriter().write(body.get());
    }
}
