package dev.partnerconsent.operator;

import dev.partnerconsent.alerts.Alerting;
import dev.partnerconsent.alerts.ChannelAnswer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * {@code POST /api/alerts/test} (PartnerConsent.Operator): sends a test alert to every channel now and answers per
 * channel what happened, with the catalogue's explanation of a failure. 200 either way: a channel failing is the
 * answer asked for.
 */
@Path("alerts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AlertsApi {

    /** @param delivered every channel took it (false also when none is configured) */
    public record TestAlertAnswer(boolean delivered, List<ChannelAnswer> channels) {
        static TestAlertAnswer of(List<ChannelAnswer> answers) {
            return new TestAlertAnswer(!answers.isEmpty() && answers.stream().allMatch(ChannelAnswer::delivered), answers);
        }
    }

    private final Alerting alerting;
    private final TenantActions actions;
    @Context
    private HttpServletRequest request;

    @Inject
    public AlertsApi(Alerting alerting, TenantActions actions) {
        this.alerting = alerting;
        this.actions = actions;
    }

    /** Public for RESTEasy (WildFly), which needs a public constructor it can call; CDI uses the other. */
    public AlertsApi() {
        this(null, null);
    }

    @POST
    @Path("test")
    public Response test() {
        return ApiAnswers.ok(TestAlertAnswer.of(alerting.test(actions.who(request))));
    }
}
