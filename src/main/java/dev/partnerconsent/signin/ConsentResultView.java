package dev.partnerconsent.signin;

import dev.partnerconsent.http.NoStore;
import dev.partnerconsent.signin.CallbackFilter;
import dev.partnerconsent.signin.ConsentResult;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Backs {@code consent/result.xhtml}: the consent the callback just stored, if this request carries one. */
@Named("consentResult")
@RequestScoped
public class ConsentResultView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final ConsentResult result;

    @Inject
    public ConsentResultView(ExternalContext context) {
        this.result = (ConsentResult) context.getRequestMap().get(CallbackFilter.RESULT_ATTRIBUTE);
        // also when opened directly (bookmark, history): the page names a tenant and a secret version
        if (context.getResponse() instanceof jakarta.servlet.http.HttpServletResponse response) {
            NoStore.apply(response);
        }
    }

    protected ConsentResultView() {
        this.result = null;
    }

    public boolean isPresent() {
        return result != null;
    }

    public ConsentResult getResult() {
        return result;
    }

    public String getStoredAt() {
        return result == null ? "" : TIME.format(result.stored().storedAt());
    }

    public String getMfaStatus() {
        if (result == null) {
            return "";
        }
        return result.partner().mfa()
                ? "Yes (evidence in the " + result.partner().mfaSource().replace('_', ' ') + ")"
                : "No — the sign-in carried no MFA evidence";
    }
}
