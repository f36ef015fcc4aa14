package dev.partnerconsent.operator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;

/** Helpers shared by the API and the admin pages' actions. */
@ApplicationScoped
public class TenantActions {

    /** Who is acting, for run triggers and the audit log. */
    public String who(HttpServletRequest request) {
        Object identity = request.getAttribute(OperatorIdentity.REQUEST_ATTRIBUTE);
        if (identity instanceof OperatorIdentity o) {
            return o.label();
        }
        return request.getRemoteUser() == null ? "unknown" : request.getRemoteUser();
    }
}
