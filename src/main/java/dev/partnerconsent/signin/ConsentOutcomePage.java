package dev.partnerconsent.signin;

import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.http.FailurePages;
import dev.partnerconsent.http.NoStore;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code GET /consent/outcome?o=<sealed>}: where the callback's 303 leads. Shows the sealed outcome — the result page, or
 * the failure with its status — as often as it is reloaded within its lifetime; nothing is redeemed, stored or counted
 * here (the callback did that once).
 */
@WebServlet(ConsentOutcome.PATH)
public class ConsentOutcomePage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private ConsentOutcome outcomes;
    @Inject
    private FailurePages pages;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        NoStore.apply(response);
        Optional<ConsentOutcome.Opened> opened = outcomes.open(request.getParameter(ConsentOutcome.PARAMETER));
        if (opened.isEmpty()) {
            pages.render(Failure.of(FailureCode.OUTCOME_UNAVAILABLE, "This page showed the outcome of a sign-in for "
                    + ConsentOutcome.LIFETIME.toMinutes() + " minutes; that time is over, or the address was altered."),
                    request, response);
            return;
        }
        if (opened.get().failure().isPresent()) {
            pages.render(opened.get().failure().get(), request, response);
            return;
        }
        request.setAttribute(CallbackFilter.RESULT_ATTRIBUTE, opened.get().result().orElseThrow());
        response.setStatus(HttpServletResponse.SC_OK);
        request.getRequestDispatcher(CallbackFilter.RESULT_PAGE).forward(request, response);
    }
}
