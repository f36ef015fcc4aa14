package dev.partnerconsent.http;

import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCode;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The error page the container uses (web.xml) for every status it sends itself — 404, 405, a 400 for a request it
 * could not parse — and for an uncaught exception. It answers any method: the page renderer runs as a GET in UTF-8,
 * whatever method (PROPFIND, FOO) or charset (UTF-7) the refused request carried, since those are often why it was
 * refused. Under {@code /api} the answer is the API's JSON.
 */
@WebServlet("/failure")
public class ContainerErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private Refusals refusals;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        refusals.write(failureFor(request), path.startsWith(request.getContextPath() + "/api/"), request, response);
    }

    static Failure failureFor(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(status instanceof Integer code)) {
            return Failure.of(FailureCode.NOT_FOUND, "There is no page at this address."); // /failure asked for directly
        }
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) != null || code >= 500) {
            return Failure.of(FailureCode.INTERNAL, code < 500 ? 500 : code,
                    "PartnerConsent met an unexpected error. The server log has the details.");
        }
        return switch (code) {
            case 404 -> Failure.of(FailureCode.NOT_FOUND, "There is no page at this address.");
            case 405 -> Failure.of(FailureCode.METHOD_NOT_ALLOWED, "This address does not accept that HTTP method.");
            case 413 -> Failure.of(FailureCode.REQUEST_TOO_LARGE, "The request was larger than this server accepts.");
            case 415 -> Failure.of(FailureCode.UNSUPPORTED_MEDIA_TYPE, "This address does not accept a body of that content type.");
            default -> Failure.of(FailureCode.BAD_REQUEST, code, "The server could not read this request.");
        };
    }
}
