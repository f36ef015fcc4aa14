package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.FailureCode;

import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.http.LocalRedirect;
import dev.partnerconsent.http.Refusals;
import dev.partnerconsent.http.SecurityHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import dev.partnerconsent.store.AuditEvent;
import dev.partnerconsent.store.AuditKind;
import dev.partnerconsent.store.AuditTrail;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Jakarta Security authentication for {@code /admin/*} and {@code /api/*} (declared in web.xml as needing at least the
 * role {@code reader}): a bearer access token for this app, else the operator session cookie. The caller gets the
 * container roles of its {@link OperatorRole} when that role covers the route ({@link RequiredRole}); everyone else is
 * answered here, with the catalogue's explanation:
 * anonymous API calls 401, anonymous page requests the sign-in redirect, signed-in non-operators 403, a session that
 * has ended ({@link OperatorSession}: revoked, idle, over its cap, its role taken away) 401 and the cookie dropped. A
 * POST made with the session cookie must carry the session's csrf token. Other paths are left alone (the consent flow is public).
 */
@ApplicationScoped
public class OperatorAuthentication implements HttpAuthenticationMechanism {

    private final OperatorSession session;
    private final BearerTokenCheck bearer;
    private final Refusals refusals;
    private final SecurityHeaders headers;
    private final AuditTrail audit;

    @Inject
    public OperatorAuthentication(OperatorSession session, BearerTokenCheck bearer, Refusals refusals,
                                  SecurityHeaders headers, AuditTrail audit) {
        this.audit = audit;
        this.session = session;
        this.bearer = bearer;
        this.refusals = refusals;
        this.headers = headers;
    }

    protected OperatorAuthentication() {
        this(null, null, null, null, null);
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String path = path(request);
        boolean api = under(path, "/api");
        if (!api && !under(path, "/admin")) {
            return context.doNothing();
        }
        headers.apply(request, response); // refusals and redirects are answered here, before any filter runs
        try {
            Optional<String> authorization = Optional.ofNullable(request.getHeader("Authorization"));
            if (authorization.isPresent()) {
                if (!authorization.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
                    return refuse(Failure.of(FailureCode.OPERATOR_TOKEN_INVALID,
                            "The Authorization header is not 'Bearer <access token>'."), api, request, response);
                }
                OperatorIdentity caller = bearer.check(authorization.get().substring(7).strip());
                if (!caller.operator()) {
                    refused(caller, FailureCode.OPERATOR_FORBIDDEN, path);
                    return refuse(Failure.of(FailureCode.OPERATOR_FORBIDDEN, caller.name() + " of tenant " + caller.tenantId()
                            + " holds no PartnerConsent role from an operator tenant (partnerconsent.operator-tenants)."),
                            api, request, response);
                }
                return authorized(caller, path, request, response, context, api);
            }
            SessionCheck checked = session.check(request);
            if (checked.ended().isPresent()) {
                OperatorIdentity owner = checked.caller().orElseThrow();
                refused(owner, FailureCode.OPERATOR_SESSION_ENDED, path + " (" + checked.ended().get() + ")");
                session.forget(response);
                return refuse(Failure.of(FailureCode.OPERATOR_SESSION_ENDED, "The operator session of " + owner.name()
                        + " has ended: " + checked.ended().get() + ". Sign in again."), api, request, response);
            }
            Optional<OperatorIdentity> signedIn = checked.live();
            if (signedIn.isEmpty()) {
                if (!api && "GET".equals(request.getMethod())) {
                    String back = path + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
                    LocalRedirect.to(response, request.getContextPath() + "/operator/signin?return="
                            + URLEncoder.encode(back, StandardCharsets.UTF_8));
                    return AuthenticationStatus.SEND_CONTINUE;
                }
                return refuse(Failure.of(FailureCode.OPERATOR_SIGN_IN_REQUIRED, api
                        ? "The API needs 'Authorization: Bearer <access token for this app>' (or a signed-in operator's session)."
                        : "Sign in as an operator first."), api, request, response);
            }
            OperatorIdentity caller = signedIn.get();
            if (!caller.operator()) {
                refused(caller, FailureCode.OPERATOR_FORBIDDEN, path);
                return refuse(Failure.of(FailureCode.OPERATOR_FORBIDDEN, caller.name() + " (object id " + caller.id()
                        + ", tenant " + caller.tenantId() + ") is signed in but is not an operator."), api, request, response);
            }
            if (changesState(request) && !Csrf.matches(caller, api ? request.getHeader(Csrf.HEADER) : csrfOf(request))) {
                refused(caller, FailureCode.CSRF_INVALID, path);
                return refuse(Failure.of(FailureCode.CSRF_INVALID, "This " + request.getMethod() + " carried no valid anti-forgery "
                        + "token for the signed-in session."), api, request, response);
            }
            return authorized(caller, path, request, response, context, api);
        } catch (FailureException e) {
            return refuse(e.failure(), api, request, response);
        }
    }

    /** Lets the caller in when its role covers what this route needs ({@link RequiredRole}); else 403 naming both. */
    private AuthenticationStatus authorized(OperatorIdentity caller, String path, HttpServletRequest request,
                                            HttpServletResponse response, HttpMessageContext context, boolean api) {
        OperatorRole needed = RequiredRole.of(request.getMethod(), path);
        if (!caller.may(needed)) {
            refused(caller, FailureCode.OPERATOR_FORBIDDEN, path + " (holds " + caller.role().map(OperatorRole::appRole)
                    .orElse("no role") + ", needs " + needed.appRole() + ")");
            return refuse(Failure.of(FailureCode.OPERATOR_FORBIDDEN, caller.name() + " holds "
                    + caller.role().map(OperatorRole::appRole).orElse("no role") + "; " + request.getMethod() + " " + path
                    + " needs " + needed.appRole() + "."), api, request, response);
        }
        request.setAttribute(OperatorIdentity.REQUEST_ATTRIBUTE, caller);
        return context.notifyContainerAboutLogin(new CredentialValidationResult(caller.name(),
                caller.role().orElseThrow().containerRoles()));
    }

    /** A known caller refused is an audit row; anonymous refusals are not (anyone could fill the trail with them). */
    private void refused(OperatorIdentity caller, FailureCode code, String path) {
        audit.record(AuditEvent.of(AuditKind.OPERATOR_REFUSED, caller.label(), null, code.code() + " at " + path));
    }

    private AuthenticationStatus refuse(Failure failure, boolean api, HttpServletRequest request, HttpServletResponse response) {
        try {
            refusals.write(failure, api, request, response);
        } catch (IOException e) {
            // the client went away; nothing more to say
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** The container's decoded, normalised path within the application, as the security constraints see it. */
    static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String info = request.getPathInfo() == null ? "" : request.getPathInfo();
        return (servletPath + info).toLowerCase(Locale.ROOT);
    }

    private static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }

    private static boolean changesState(HttpServletRequest request) {
        String m = request.getMethod();
        return !("GET".equals(m) || "HEAD".equals(m) || "OPTIONS".equals(m));
    }

    /** Admin forms post urlencoded fields: reading the parameter here is what the servlet behind would do anyway. */
    private static String csrfOf(HttpServletRequest request) {
        String header = request.getHeader(Csrf.HEADER);
        return header != null ? header : request.getParameter(Csrf.FIELD);
    }
}
