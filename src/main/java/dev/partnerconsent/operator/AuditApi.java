package dev.partnerconsent.operator;

import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.store.AuditFilter;
import dev.partnerconsent.store.AuditRecord;
import dev.partnerconsent.store.AuditTrail;
import dev.partnerconsent.store.Paged;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * {@code /api/audit}: the audit trail, paged and filtered ({@link AuditQuery}), as JSON or as a CSV export, and the
 * chain's verification. Read-only; protected like the rest of the API (PartnerConsent.Reader, {@link RequiredRole}).
 */
@Path("audit")
@RequestScoped
public class AuditApi {

    /** Rows a CSV export carries at most; narrow the filter (a time range) for more. */
    static final int EXPORT_LIMIT = 100_000;

    private final AuditTrail audit;

    @Inject
    public AuditApi(AuditTrail audit) {
        this.audit = audit;
    }

    /** Public for RESTEasy (WildFly); CDI uses the other. */
    public AuditApi() {
        this(null);
    }

    /** {@code GET /api/audit?tenant=&kind=&actor=&from=&to=&page=&size=}: one page, newest first (size ≤ 500, 50 unless given). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("tenant") String tenant, @QueryParam("kind") String kind,
                         @QueryParam("actor") String actor, @QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("page") String page, @QueryParam("size") String size) throws FailureException {
        AuditFilter filter = AuditQuery.filter(tenant, kind, actor, from, to);
        return ApiAnswers.ok(AuditAnswer.of(audit.list(filter, AuditQuery.number("page", page, 0),
                AuditQuery.number("size", size, 50))));
    }

    /** {@code GET /api/audit/export?…}: the matching rows as CSV (same filters), newest first. */
    @GET
    @Path("export")
    @Produces("text/csv")
    public Response export(@QueryParam("tenant") String tenant, @QueryParam("kind") String kind,
                           @QueryParam("actor") String actor, @QueryParam("from") String from, @QueryParam("to") String to)
            throws FailureException {
        AuditFilter filter = AuditQuery.filter(tenant, kind, actor, from, to);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            out.write(AuditCsv.HEADER);
            int written = 0;
            for (int p = 0; written < EXPORT_LIMIT; p++) {
                Paged<AuditRecord> page = audit.list(filter, p, Paged.MAX_SIZE);
                for (AuditRecord r : page.items()) {
                    out.write(AuditCsv.line(r));
                }
                written += page.items().size();
                if (!page.hasNext()) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory", e);
        }
        return Response.ok(bytes.toByteArray(), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"audit.csv\"")
                .header("Cache-Control", "no-store").build();
    }

    /** {@code GET /api/audit/verify}: walks the chain; names the first row that breaks it. */
    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify() throws FailureException {
        return ApiAnswers.ok(VerifyAnswer.of(audit.verify()));
    }
}
