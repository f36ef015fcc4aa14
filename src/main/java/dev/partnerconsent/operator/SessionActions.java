package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.http.LocalRedirect;
import dev.partnerconsent.http.NoStore;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The sessions page's button: {@code POST /admin/sessions/revoke} with {@code operator=<tenant id>:<object id>} ends all
 * of that person's sessions, then back to the page with a notice. The csrf field and the Operator role were checked by
 * {@link OperatorAuthentication} before this runs.
 */
@WebServlet(urlPatterns = "/admin/sessions/revoke")
public class SessionActions extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PAGE = "/admin/sessions.xhtml";

    @Inject
    private SessionRevocation sessions;
    @Inject
    private TenantActions actions;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        NoStore.apply(response);
        String notice;
        try {
            notice = "revoked&count=" + sessions.revokeAll(request.getParameter("operator"), actions.who(request));
        } catch (FailureException e) {
            notice = e.failure().code();
        }
        LocalRedirect.to(response, request.getContextPath() + PAGE + "?notice=" + notice);
    }
}
