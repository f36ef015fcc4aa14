package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.store.StoredSession;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/sessions}: the operator sessions still live; {@code POST /api/sessions/revoke} (form field or JSON
 * member {@code operator}: {@code <tenant id>:<object id>}): ends all of that person's sessions on every node. Roles as
 * for every route ({@link RequiredRole}): listing needs Reader, revoking Operator.
 */
@Path("sessions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionsApi {

    private final SessionRevocation sessions;
    private final TenantActions actions;

    @Context
    private HttpServletRequest request;

    @Inject
    public SessionsApi(SessionRevocation sessions, TenantActions actions) {
        this.sessions = sessions;
        this.actions = actions;
    }

    /** Public for RESTEasy (WildFly); CDI uses the other. */
    public SessionsApi() {
        this(null, null);
    }

    /** One live session: whose, its role, since when, last used (recorded at most once a minute). */
    public record SessionAnswer(String operator, String name, String role, Instant since, Instant lastUsed) {
        static SessionAnswer of(StoredSession s) {
            return new SessionAnswer(s.operator(), s.label(), s.role().flatMap(OperatorRole::named)
                    .map(OperatorRole::appRole).orElse(null), s.created(), s.lastUsed());
        }
    }

    public record SessionsAnswer(List<SessionAnswer> items) {
    }

    public record RevokeRequest(String operator) {
    }

    public record RevokedAnswer(String operator, int revoked) {
    }

    @GET
    public Response active() throws FailureException {
        return ApiAnswers.ok(new SessionsAnswer(sessions.active().stream().map(SessionAnswer::of).toList()));
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revokeForm(@FormParam("operator") String operator) throws FailureException {
        return revoke(operator);
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response revokeJson(RevokeRequest body) throws FailureException {
        return revoke(body == null ? null : body.operator());
    }

    private Response revoke(String operator) throws FailureException {
        int revoked = sessions.revokeAll(operator, actions.who(request));
        return ApiAnswers.ok(new RevokedAnswer(SessionRevocation.operatorKey(operator), revoked));
    }
}
