package dev.partnerconsent.operator;

import dev.partnerconsent.customers.ApplicationConsents;
import dev.partnerconsent.customers.CustomerDirectory;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.http.LocalRedirect;
import dev.partnerconsent.http.NoStore;
import dev.partnerconsent.tenant.TenantId;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The customers page's buttons: {@code POST /admin/customer-actions/refresh} ({@code partner}) and
 * {@code POST /admin/customer-actions/consent} ({@code partner}, and {@code one=<customer id>} for one customer now or
 * {@code customer=…} repeated for a selection in the background). Post/redirect/get back to the page with a notice.
 * Only POST; the role and the csrf field were checked by {@link OperatorAuthentication} before this runs.
 */
@WebServlet(urlPatterns = "/admin/customer-actions/*")
public class CustomerActions extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PAGE = "/admin/customers.xhtml";

    @Inject
    private CustomerDirectory directory;
    @Inject
    private ApplicationConsents consents;
    @Inject
    private TenantActions actions;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        NoStore.apply(response);
        String action = Optional.ofNullable(request.getPathInfo()).orElse("");
        Optional<TenantId> partner = TenantId.parse(Optional.ofNullable(request.getParameter("partner")).orElse("").strip());
        if (partner.isEmpty()) {
            back(request, response, "", FailureCode.TENANT_ID_INVALID.code(), "");
            return;
        }
        String p = partner.get().value();
        try {
            switch (action) {
                case "/refresh" -> {
                    directory.startRefresh(partner.get(), actions.who(request));
                    back(request, response, p, "refresh-started", "");
                }
                case "/consent" -> {
                    String one = Optional.ofNullable(request.getParameter("one")).orElse("").strip();
                    if (!one.isEmpty()) {
                        var outcome = consents.consentOne(partner.get(), one, Optional.empty(), actions.who(request));
                        back(request, response, p, outcome.code(), outcome.tenantId());
                    } else {
                        List<String> selected = Arrays.stream(Optional.ofNullable(request.getParameterValues("customer"))
                                .orElse(new String[0])).filter(c -> !c.isBlank()).toList();
                        if (selected.isEmpty()) {
                            back(request, response, p, FailureCode.CUSTOMER_NOT_FOUND.code(), "");
                            return;
                        }
                        consents.start(partner.get(), selected, Optional.empty(), actions.who(request));
                        back(request, response, p, "consent-started", "");
                    }
                }
                default -> response.sendError(404);
            }
        } catch (FailureException e) {
            back(request, response, p, e.failure().code(), "");
        }
    }

    private static void back(HttpServletRequest request, HttpServletResponse response, String partner, String notice,
                             String search) {
        LocalRedirect.to(response, request.getContextPath() + PAGE + "?partner=" + enc(partner) + "&notice=" + enc(notice)
                + (search.isEmpty() ? "" : "&search=" + enc(search)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
