package dev.partnerconsent.bench.baseline;

import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code GET /start}: protected, so an anonymous request is sent to the provider (PartnerConsent's /consent/start). */
@WebServlet("/start")
@ServletSecurity(@HttpConstraint(rolesAllowed = "**"))
public class ProtectedStart extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().println("Already signed in");
    }
}
