package dev.partnerconsent.operator;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The operator a page is shown to, as every admin page needs it: name, role, the anti-forgery token its forms carry,
 * and whether its actions are offered (a Reader would only meet a 403 behind them).
 */
@Named("signedIn")
@RequestScoped
public class SignedInOperator {

    private final OperatorIdentity operator;

    @Inject
    public SignedInOperator(ExternalContext context) {
        this.operator = (OperatorIdentity) context.getRequestMap().get(OperatorIdentity.REQUEST_ATTRIBUTE);
    }

    protected SignedInOperator() {
        this.operator = null;
    }

    public String getName() {
        return operator == null ? "" : operator.name();
    }

    /** The caller's role, as the page names it. */
    public String getRole() {
        return operator == null ? "" : operator.role().map(OperatorRole::appRole).orElse("");
    }

    public String getCsrf() {
        return operator == null ? "" : operator.csrf();
    }

    /** Whether refresh, check, consent, revoke and test-alert actions are for this caller (role Operator or above). */
    public boolean isMayAct() {
        return operator != null && operator.may(OperatorRole.OPERATOR);
    }
}
