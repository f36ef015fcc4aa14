package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.ConsentSettings;
import dev.partnerconsent.tenant.TenantId;
import dev.partnerconsent.store.AuditEvent;
import dev.partnerconsent.store.AuditKind;
import dev.partnerconsent.store.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which access tokens a caller may obtain from the stored consents: only for the resources in
 * {@code partnerconsent.token-use.resources} (Partner Center and Graph by default), and, for an API client named in
 * {@code partnerconsent.token-use.bindings}, only its resources and partner tenants. A token from a stored consent
 * carries the partner admin's MFA into every customer tenant, so nothing beyond what is listed is handed out.
 */
@ApplicationScoped
public class TokenPolicy {

    private final OperatorSettings operators;
    private final AuditTrail audit;

    @Inject
    public TokenPolicy(OperatorSettings operators, AuditTrail audit) {
        this.operators = operators;
        this.audit = audit;
    }

    protected TokenPolicy() {
        this(null, null);
    }

    /** @throws FailureException {@code token-use-not-allowed} when the caller may not have this token (on the audit trail) */
    public void check(OperatorIdentity caller, TenantId tenant, String scope) throws FailureException {
        try {
            require(caller, tenant, scope);
        } catch (FailureException e) {
            audit.record(new AuditEvent(AuditKind.ACCESS_TOKEN_REFUSED, caller.label(), Optional.of(tenant.value()),
                    caller.clientId().map(c -> "client " + c), "resource=" + resourceOf(scope).replaceAll("[^a-z0-9:/._~-]", "?")
                    + " outcome=" + e.failure().code()));
            throw e;
        }
    }

    private void require(OperatorIdentity caller, TenantId tenant, String scope) throws FailureException {
        String resource = resourceOf(scope);
        if (!resource.startsWith("https://") && !resource.startsWith("api://")) {
            throw new FailureException(FailureCode.SCOPE_INVALID, "The scope names no resource: ask for one resource's scope "
                    + "such as https://api.partnercenter.microsoft.com/.default.");
        }
        if (!operators.tokenResources().contains(resource)) {
            throw new FailureException(FailureCode.TOKEN_USE_NOT_ALLOWED, "Access tokens are issued only for "
                    + new TreeSet<>(operators.tokenResources()) + " (partnerconsent.token-use.resources), not for " + resource + ".");
        }
        Optional<ConsentSettings.TokenBinding> binding = caller.clientId().flatMap(operators::bindingOf);
        if (binding.isPresent()) {
            String client = caller.clientId().get();
            if (!binding.get().resources().isEmpty() && !binding.get().resources().contains(resource)) {
                throw new FailureException(FailureCode.TOKEN_USE_NOT_ALLOWED, "Client " + client + " may obtain tokens only for "
                        + new TreeSet<>(binding.get().resources()) + " (partnerconsent.token-use.bindings), not for " + resource + ".");
            }
            if (!binding.get().tenants().isEmpty() && !binding.get().tenants().contains(tenant.value())) {
                throw new FailureException(FailureCode.TOKEN_USE_NOT_ALLOWED, "Client " + client + " may not use the consent of "
                        + "tenant " + tenant + " (partnerconsent.token-use.bindings lists its tenants).");
            }
        }
    }

    /** The resource a scope belongs to: everything before its last segment, e.g. https://graph.microsoft.com. */
    static String resourceOf(String scope) {
        String s = scope == null ? "" : scope.strip().toLowerCase(Locale.ROOT);
        int slash = s.lastIndexOf('/');
        return slash > "https://".length() ? s.substring(0, slash).replaceAll("/+$", "") : s;
    }
}
