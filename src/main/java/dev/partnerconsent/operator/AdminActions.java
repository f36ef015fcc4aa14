package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.lifecycle.KeepAlive;
import dev.partnerconsent.lifecycle.RunReport;
import dev.partnerconsent.settings.SettingsCheck;
import dev.partnerconsent.http.LocalRedirect;
import dev.partnerconsent.http.NoStore;
import dev.partnerconsent.tenant.TenantId;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The inventory page's buttons: {@code POST /admin/actions/refresh} (all, or {@code tenant=…}) and, for the access
 * check, {@code POST /admin/actions/check}; the setup page's {@code POST /admin/actions/test-alert}. Post/redirect/get back to the page with a notice. Only POST; the csrf
 * field was checked by {@link OperatorAuthentication} before this runs.
 */
@WebServlet(urlPatterns = "/admin/actions/*")
public class AdminActions extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String PAGE = "/admin/consents.xhtml";
    public static final String CHECK_RESULT = "dev.partnerconsent.accessCheck";

    @Inject
    private KeepAlive keepAlive;
    @Inject
    private TenantActions actions;
    @Inject
    private dev.partnerconsent.lifecycle.AccessCheck accessCheck;
    @Inject
    private dev.partnerconsent.alerts.Alerting alerting;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        NoStore.apply(response);
        String action = Optional.ofNullable(request.getPathInfo()).orElse("");
        String tenant = Optional.ofNullable(request.getParameter("tenant")).map(String::strip).orElse("");
        Optional<TenantId> tenantId = TenantId.parse(tenant);
        if (!tenant.isEmpty() && tenantId.isEmpty()) {
            back(response, request, FailureCode.TENANT_ID_INVALID.code(), tenant);
            return;
        }
        switch (action) {
            case "/refresh" -> {
                try {
                    if (tenantId.isEmpty()) {
                        Optional<RunReport> run = keepAlive.start(Optional.empty(), actions.who(request));
                        back(response, request, run.isPresent() ? "run-started" : FailureCode.KEEPALIVE_BUSY.code(), "");
                    } else {
                        Optional<RunReport> run = keepAlive.runNow(tenantId, actions.who(request));
                        back(response, request, run.map(r -> r.failures().isEmpty() ? "refreshed" : r.failures().get(0).code())
                                .orElse(FailureCode.KEEPALIVE_BUSY.code()), tenantId.get().value());
                    }
                } catch (FailureException e) {
                    back(response, request, e.failure().code(), tenant);
                }
            }
            case "/check" -> {
                if (tenantId.isEmpty()) {
                    back(response, request, FailureCode.TENANT_ID_INVALID.code(), "");
                    return;
                }
                // the check runs here, on the POST; the page only shows its outcome
                request.setAttribute(CHECK_RESULT, accessCheck.check(tenantId.get(), actions.who(request)));
                request.getRequestDispatcher("/admin/check.xhtml").forward(request, response);
            }
            case "/test-alert" -> {
                // sent here, on the POST, to every channel; the setup page shows each channel's answer
                request.setAttribute(AlertTestView.ANSWERS, alerting.test(actions.who(request)));
                request.getRequestDispatcher("/admin/setup.xhtml").forward(request, response);
            }
            default -> response.sendError(404);
        }
    }

    private static void back(HttpServletResponse response, HttpServletRequest request, String notice, String tenant)
            throws IOException {
        LocalRedirect.to(response, request.getContextPath() + PAGE + "?notice=" + URLEncoder.encode(notice, StandardCharsets.UTF_8)
                + (tenant.isEmpty() ? "" : "&tenant=" + URLEncoder.encode(tenant, StandardCharsets.UTF_8)));
    }
}
