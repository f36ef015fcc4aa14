package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.Explanation;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.store.StoredSession;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Backs {@code admin/sessions.xhtml}: the operator sessions still live, and "revoke all" per person. */
@Named("sessionsView")
@RequestScoped
public class SessionsView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final List<StoredSession> sessions;
    private final String notice;
    private final String count;
    private final Failure failure;
    private final Explanation explanation;
    private final OperatorSettings settings;

    @Inject
    public SessionsView(ExternalContext context, SessionRevocation revocation, OperatorSettings settings,
                        FailureCatalogue catalogue) {
        this.settings = settings;
        Map<String, String> params = context.getRequestParameterMap();
        this.notice = Optional.ofNullable(params.get("notice")).filter(n -> n.matches("[A-Za-z0-9-]{1,40}")).orElse("");
        this.count = Optional.ofNullable(params.get("count")).filter(n -> n.matches("[0-9]{1,6}")).orElse("");
        List<StoredSession> loaded = List.of();
        Failure failed = null;
        try {
            loaded = revocation.active();
        } catch (FailureException e) {
            failed = e.failure();
        }
        this.sessions = loaded;
        this.failure = failed;
        this.explanation = failed == null ? null : catalogue.explain(failed);
    }

    protected SessionsView() {
        this.sessions = null;
        this.notice = "";
        this.count = "";
        this.failure = null;
        this.explanation = null;
        this.settings = null;
    }

    /** The idle timeout, as the setting spells it (e.g. PT30M). */
    public String getIdle() {
        return settings.sessionIdle().toString();
    }

    public String getCap() {
        return settings.session().toString();
    }

    public List<StoredSession> getSessions() {
        return sessions;
    }



    public String getNotice() {
        return notice;
    }

    public String getCount() {
        return count;
    }

    public Failure getFailure() {
        return failure;
    }

    public Explanation getExplanation() {
        return explanation;
    }

    /** The role as the app registration names it. */
    public String role(StoredSession s) {
        return s.role().flatMap(OperatorRole::named).map(OperatorRole::appRole).orElse("no role");
    }

    public String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    /** The page's id of a person's row: usable as an HTML id. */
    public String rowId(StoredSession s) {
        return "session-" + s.operator().replace(':', '-');
    }
}
