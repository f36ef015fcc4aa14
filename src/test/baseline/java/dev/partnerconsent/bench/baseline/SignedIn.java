package dev.partnerconsent.bench.baseline;

import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.openid.OpenIdContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The redirect URI: the mechanism redeems the code and validates the ID token before this runs; the page shows who
 * signed in and their tenant (PartnerConsent's result page, without the Key Vault part). Never a token.
 */
@WebServlet("/callback")
public class SignedIn extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private OpenIdContext context;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (request.getUserPrincipal() == null) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Not signed in");
            return;
        }
        String tenant = context.getIdentityToken().getJwtClaims().getStringClaim("tid").orElse("?");
        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html><html><body><p id=\"signed-in\">Signed in</p>");
        out.println("<p id=\"user\">" + escape(request.getUserPrincipal().getName()) + "</p>");
        out.println("<p id=\"tenant-id\">" + escape(tenant) + "</p></body></html>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
