package dev.partnerconsent.operator;

import dev.partnerconsent.settings.SetupProblem;
import dev.partnerconsent.settings.SetupStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * {@code GET /api/setup}: the setup check's findings with their fixes, for operators (PartnerConsent.Reader). The
 * public {@code /health/ready} and {@code /setup.xhtml} give the verdict only: findings name configured values.
 */
@Path("setup")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SetupApi {

    /** The check's answer: {@code ready} is false while a blocking problem remains. */
    public record SetupAnswer(boolean ready, List<SetupProblem> problems, List<String> probed) {
    }

    private final SetupStatus status;

    @Inject
    public SetupApi(SetupStatus status) {
        this.status = status;
    }

    /** Public for RESTEasy (WildFly), which needs a public constructor it can call; CDI uses the other. */
    public SetupApi() {
        this(null);
    }

    @GET
    public Response get() {
        List<SetupProblem> problems = status.problems();
        return Response.ok(new SetupAnswer(problems.stream().noneMatch(SetupProblem::blocking), problems,
                status.probeRun().probed())).header("Cache-Control", "no-store").build();
    }
}
