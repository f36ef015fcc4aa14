package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.FailureCode;

import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.http.LocalRedirect;
import dev.partnerconsent.http.FailurePages;
import dev.partnerconsent.http.NoStore;
import dev.partnerconsent.store.AuditEvent;
import dev.partnerconsent.store.AuditKind;
import dev.partnerconsent.store.AuditTrail;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /operator/signin?return=…}, {@code GET /operator/callback} (the operator reply URL) and
 * {@code POST /operator/signout}. Not protected themselves: they are how an operator gets in and out.
 */
@WebServlet(urlPatterns = {"/operator/signin", "/operator/callback", "/operator/signout"})
public class OperatorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(OperatorServlet.class.getName());

    @Inject
    private OperatorSignIn signIn;
    @Inject
    private AuditTrail audit;
    @Inject
    private OperatorSession session;
    @Inject
    private FailurePages pages;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        NoStore.apply(response);
        try {
            switch (request.getServletPath()) {
                case "/operator/signin" -> signIn.start(request.getParameter("return"), request, response);
                case "/operator/callback" -> LocalRedirect.to(response, request.getContextPath() + signIn.complete(request, response));
                default -> response.sendError(405);
            }
        } catch (FailureException e) {
            // a failed callback is on the audit trail already (OperatorSignIn.complete)
            pages.showFailure(e.failure(), request, response);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Unexpected failure in the operator sign-in: " + e.getClass().getName()
                    + " at " + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?"));
            pages.showFailure(Failure.of(FailureCode.INTERNAL, "PartnerConsent met an unexpected " + e.getClass().getSimpleName()
                    + " during the operator sign-in. The server log has the details."), request, response);
        }
    }

    /**
     * Sign-out: only with the session's csrf token, so another site cannot sign the operator out. The session's record is
     * ended, so a copy of the cookie (another browser, a stolen one) stops working on every node too.
     */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        NoStore.apply(response);
        if (!"/operator/signout".equals(request.getServletPath())) {
            response.sendError(405);
            return;
        }
        try {
            var identity = session.check(request).live();
            if (identity.isPresent() && !Csrf.matches(identity.get(), request.getParameter(Csrf.FIELD))) {
                pages.showFailure(Failure.of(FailureCode.CSRF_INVALID, "The sign-out did not come from a PartnerConsent page."),
                        request, response);
                return;
            }
            session.end(request, response).ifPresent(i -> audit.record(AuditEvent.of(AuditKind.OPERATOR_SIGNED_OUT,
                    i.label(), null, "signed out; the session is ended on every node")));
        } catch (FailureException e) {
            pages.showFailure(e.failure(), request, response);
            return;
        }
        LocalRedirect.to(response, request.getContextPath() + "/");
    }
}
