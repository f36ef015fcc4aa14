package dev.partnerconsent.standin.entra;

import static dev.partnerconsent.standin.entra.Html.escape;

import java.util.stream.Collectors;

/**
 * The sign-in page shown at the authorize step. The form posts back to the authorize URL
 * (same query string) with the fields {@code username}, {@code tenant}, {@code mfa} (present when
 * ticked) and {@code action} ({@code signin} or {@code cancel}).
 */
final class LoginPage {

    /** What the form shows; also what it re-shows with a problem when a submission is refused. */
    record Form(String username, String tenant, boolean mfa, String problem) {
    }

    private LoginPage() {
    }

    // Sign in comes first in the form so that Enter submits it; CSS shows it on the right.
    static String render(AuthorizeRequest request, String appName, Form form) {
        String action = "/" + request.authority().segment() + "/oauth2/v2.0/authorize"
                + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        String tenantOptions = DemoTenants.ALL.stream()
                .map(t -> "<option value=\"%s\">%s (%s)</option>".formatted(
                        escape(t.id()), escape(t.displayName()), escape(t.domain())))
                .collect(Collectors.joining("\n"));
        String scopes = request.scopes().values().stream()
                .map(s -> "<li>" + escape(s) + "</li>")
                .collect(Collectors.joining());
        String asked = request.amrValues() == null ? ""
                : "<p class=\"hint\">The app asks for <code>amr_values=" + escape(request.amrValues()) + "</code>.</p>";
        String problem = form.problem() == null ? ""
                : "<p class=\"problem\" id=\"problem\" role=\"alert\">" + escape(form.problem()) + "</p>";
        String body = """
                <h1>Sign in</h1>
                <p><strong>%s</strong> wants to sign you in and access:</p>
                <ul class="scopes">%s</ul>
                <form method="post" action="%s" autocomplete="off">
                  <label for="username">User name</label>
                  <input type="text" id="username" name="username" value="%s" required autofocus
                         placeholder="admin@contosopartner.onmicrosoft.com" autocomplete="username">
                  <label for="tenant">Tenant ID</label>
                  <input type="text" id="tenant" name="tenant" value="%s" list="demo-tenants" required %s
                         pattern="[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
                         placeholder="00000000-0000-0000-0000-000000000000" aria-describedby="tenant-hint">
                  <datalist id="demo-tenants">
                  %s
                  </datalist>
                  <p class="hint" id="tenant-hint">Pick a demo tenant or type any tenant ID (a GUID).</p>
                  <div class="check">
                    <input type="checkbox" id="mfa" name="mfa" value="on"%s aria-describedby="mfa-hint">
                    <div>
                      <label for="mfa">I completed multi-factor authentication</label>
                      <p class="hint" id="mfa-hint">Untick to sign in with a password only.</p>
                    </div>
                  </div>
                  %s
                  %s
                  <div class="buttons">
                    <button type="submit" id="signin" name="action" value="signin">Sign in</button>
                    <button type="submit" id="cancel" name="action" value="cancel" formnovalidate>Cancel</button>
                  </div>
                </form>
                """.formatted(
                escape(appName), scopes, escape(action), escape(form.username()), escape(form.tenant()),
                request.authority().isTenant() ? "readonly" : "", tenantOptions, form.mfa() ? " checked" : "",
                asked, problem);
        return Html.page("Sign in to your account", body);
    }
}
