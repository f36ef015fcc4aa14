package dev.partnerconsent.http;

import dev.partnerconsent.diagnostics.Explanation;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCatalogue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers a failure with its catalogue explanation: JSON for the API, a small HTML page otherwise. Written directly
 * (no JSF) because it is also used while the container authenticates the request.
 */
@ApplicationScoped
public class Refusals {

    private final FailureCatalogue catalogue;

    @Inject
    public Refusals(FailureCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    protected Refusals() {
        this.catalogue = null;
    }

    /** The failure as the API's error body: code, status, what happened, meaning, causes, fix. */
    public JsonObject json(Failure failure) {
        Explanation x = catalogue.explain(failure);
        JsonArrayBuilder causes = Json.createArrayBuilder();
        x.causes().forEach(causes::add);
        return Json.createObjectBuilder()
                .add("error", failure.code())
                .add("status", failure.httpStatus())
                .add("title", x.title())
                .add("detail", failure.detail())
                .add("meaning", x.meaning())
                .add("causes", causes)
                .add("fix", x.fix())
                .add("doc", x.doc())
                .build();
    }

    public void write(Failure failure, boolean api, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.resetBuffer();
        response.setStatus(failure.httpStatus());
        NoStore.apply(response);
        if (failure.httpStatus() == 401 && api) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"" + ("operator-token-invalid".equals(failure.code())
                    ? "invalid_token" : "invalid_request") + "\"");
        }
        byte[] body;
        if (api) {
            response.setContentType("application/json");
            body = json(failure).toString().getBytes(StandardCharsets.UTF_8);
        } else {
            response.setContentType("text/html;charset=UTF-8");
            body = html(failure, request.getContextPath()).getBytes(StandardCharsets.UTF_8);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    private String html(Failure failure, String context) {
        Explanation x = catalogue.explain(failure);
        StringBuilder causes = new StringBuilder();
        x.causes().forEach(c -> causes.append("<li>").append(esc(c)).append("</li>"));
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"/><title>" + esc(x.title())
                + " — PartnerConsent</title><link rel=\"stylesheet\" href=\"" + esc(context)
                + "/jakarta.faces.resource/app.css.xhtml?ln=css\"/></head><body><header><a href=\"" + esc(context)
                + "/\">PartnerConsent</a></header><main><h1 class=\"bad\" id=\"error-title\">" + esc(x.title()) + "</h1>"
                + "<dl class=\"facts\"><dt>Code</dt><dd id=\"error-code\">" + esc(failure.code()) + "</dd>"
                + "<dt>What happened</dt><dd id=\"error-detail\">" + esc(failure.detail()) + "</dd></dl>"
                + "<h2>What it means</h2><p id=\"error-meaning\">" + esc(x.meaning()) + "</p>"
                + "<h2>Likely causes</h2><ul id=\"error-causes\">" + causes + "</ul>"
                + "<h2>How to fix it</h2><p id=\"error-fix\">" + esc(x.fix()) + "</p>"
                + (x.portal().isEmpty() ? "" : "<p><strong>Portal:</strong> " + esc(x.portal()) + "</p>")
                + "<p><a href=\"" + esc(context) + "/operator/signin\">Sign in as another user</a></p>"
                + "</main></body></html>";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
