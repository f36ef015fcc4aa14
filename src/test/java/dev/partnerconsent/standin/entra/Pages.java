package dev.partnerconsent.standin.entra;

import static dev.partnerconsent.standin.entra.Html.escape;

import java.util.Map;
import java.util.stream.Collectors;

/** The local Entra's other pages: form_post hand-off, sign-in errors, the start page, error look-up. */
final class Pages {

    private Pages() {
    }

    /** Like Entra's form_post answer: a hidden form that submits itself (with a button when scripts are off). */
    static String formPost(String action, Map<String, String> fields) {
        String inputs = fields.entrySet().stream()
                .map(e -> "<input type=\"hidden\" name=\"%s\" value=\"%s\">".formatted(
                        escape(e.getKey()), escape(e.getValue())))
                .collect(Collectors.joining("\n"));
        return """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>Working...</title></head>
                <body>
                <form method="POST" name="hiddenform" action="%s">
                %s
                <noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript>
                </form>
                <script>document.forms[0].submit();</script>
                </body></html>
                """.formatted(escape(action), inputs);
    }

    /** Errors Entra shows itself instead of redirecting (unknown reply URL, missing client id...). */
    static String signInError(ErrorReply reply) {
        String body = """
                <h1>Sign in</h1>
                <p>Sorry, but we're having trouble signing you in.</p>
                <p id="error-code"><strong>%s</strong></p>
                <pre id="error-details">Request Id: %s
                Correlation Id: %s
                Timestamp: %s</pre>
                """.formatted(escape(reply.headline()), escape(reply.traceId()), escape(reply.correlationId()),
                escape(reply.timestamp()));
        return Html.page("Sign in to your account", body);
    }

    static String errorCode(int code) {
        String text = EntraErrorCodes.byCode(code)
                .map(e -> "<p id=\"error-code\"><strong>AADSTS%d</strong> (<code>%s</code>)</p><p>%s</p>".formatted(
                        e.code(), escape(e.error()), escape(e.message())))
                .orElse("<p>No entry for AADSTS" + code + " in the local catalogue.</p>");
        return Html.page("AADSTS" + code, "<h1>Error look-up</h1>" + text);
    }

    static String start(String baseUrl) {
        String tenants = DemoTenants.ALL.stream()
                .map(t -> "<li>%s &mdash; <code>%s</code><br><a href=\"%s\">metadata</a></li>".formatted(
                        escape(t.displayName()), escape(t.id()),
                        escape(Discovery.metadataUrl(baseUrl, new Authority(t.id())))))
                .collect(Collectors.joining("\n"));
        String organizations = escape(Discovery.metadataUrl(baseUrl, new Authority(Authority.ORGANIZATIONS)));
        String body = """
                <h1>Local Entra ID</h1>
                <p>Multi-tenant authority: <a href="%s"><code>%s/organizations/v2.0</code></a></p>
                <p>Demo tenants:</p>
                <ul>%s</ul>
                """.formatted(organizations, escape(baseUrl), tenants);
        return Html.page("Local Entra ID", body);
    }
}
