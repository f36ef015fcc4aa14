package dev.partnerconsent.it.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A scripted browser for the consent flow over real HTTP: keeps cookies like a browser, follows each hop by hand so
 * tests can stop, tamper or replay at any step, and fills the local Entra ID's login form.
 */
public final class ConsentBrowser {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern HIDDEN = Pattern.compile(
            "<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]*)\"[^>]*value=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String appBaseUrl;

    public ConsentBrowser(String appBaseUrl) {
        this.appBaseUrl = appBaseUrl;
    }

    /**
     * One HTTP answer.
     *
     * @param redirectedFrom the callback's 303 this browser followed to reach this outcome page, or null
     */
    public record Page(int status, URI uri, String body, HttpResponse<String> response, Page redirectedFrom) {

        public Page(int status, URI uri, String body, HttpResponse<String> response) {
            this(status, uri, body, response, null);
        }

        public Optional<String> location() {
            return response.headers().firstValue("Location");
        }

        public Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }
    }

    /** How the person at the login page answers. */
    public record Login(String username, String tenant, boolean mfa) {
    }

    /** The address the callback's 303 leads to, where a browser sees the outcome. */
    public static final String OUTCOME_PATH = "/consent/outcome?";

    /** GET, following the callback's 303 to its outcome page as a browser does (the redirect is kept in the page). */
    public Page get(String url) throws IOException, InterruptedException {
        return followOutcome(getOnce(url));
    }

    /** GET without following any redirect. */
    public Page getOnce(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(resolve(url)).timeout(Duration.ofSeconds(90)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Page(r.statusCode(), r.uri(), r.body(), r);
    }

    public Page post(String url, Map<String, String> form) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(resolve(url)).timeout(Duration.ofSeconds(90))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(),
                HttpResponse.BodyHandlers.ofString());
        return followOutcome(new Page(r.statusCode(), r.uri(), r.body(), r));
    }

    private Page followOutcome(Page page) throws IOException, InterruptedException {
        if (page.status() != 303 || !page.location().orElse("").startsWith(OUTCOME_PATH)) {
            return page;
        }
        Page outcome = getOnce(page.location().get());
        return new Page(outcome.status(), outcome.uri(), outcome.body(), outcome.response(), page);
    }

    /** The app answers its own redirects with a relative Location, as a browser resolves it: against the app. */
    private URI resolve(String url) {
        return URI.create(appBaseUrl + "/").resolve(url);
    }

    /** {@code GET /consent/start}: answers the redirect to the authorize endpoint. */
    public Page start(String query) throws IOException, InterruptedException {
        return get(appBaseUrl + "/consent/start" + (query == null || query.isEmpty() ? "" : "?" + query));
    }

    /**
     * Follows the start's redirect to the login page, signs in and returns the IdP's answer: normally a redirect
     * to the app's callback carrying code and state (not yet followed).
     */
    public Page signIn(Page start, Login login) throws IOException, InterruptedException {
        if (start.status() != 303 && start.status() != 302) {
            throw new AssertionError("expected a redirect from /consent/start, got " + start.status() + ": " + start.body());
        }
        return signInAt(start.location().orElseThrow(), login);
    }

    /** Opens the login page at this authorize URL, signs in and returns the IdP's answer. */
    public Page signInAt(String authorizeUrl, Login login) throws IOException, InterruptedException {
        Page loginPage = get(authorizeUrl);
        if (loginPage.status() != 200) {
            // a scripted failure may answer at once with a redirect
            return loginPage;
        }
        Matcher action = FORM_ACTION.matcher(loginPage.body());
        if (!action.find()) {
            throw new AssertionError("no login form on " + loginPage.uri() + ": " + loginPage.body());
        }
        Map<String, String> form = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(loginPage.body());
        while (hidden.find()) {
            form.put(unescape(hidden.group(1)), unescape(hidden.group(2)));
        }
        form.put("username", login.username());
        form.put("tenant", login.tenant());
        if (login.mfa()) {
            form.put("mfa", "on");
        }
        form.put("action", "signin");
        return post(loginPage.uri().resolve(unescape(action.group(1))).toString(), form);
    }

    /** Follows the IdP's redirect (or auto-submitted form_post) to the app's callback and returns the app's page. */
    public Page callback(Page idpAnswer) throws IOException, InterruptedException {
        if (idpAnswer.status() == 302 || idpAnswer.status() == 303) {
            return get(idpAnswer.location().orElseThrow());
        }
        Matcher action = FORM_ACTION.matcher(idpAnswer.body());
        if (idpAnswer.status() == 200 && action.find()) {
            Map<String, String> form = new LinkedHashMap<>();
            Matcher hidden = HIDDEN.matcher(idpAnswer.body());
            while (hidden.find()) {
                form.put(unescape(hidden.group(1)), unescape(hidden.group(2)));
            }
            return post(unescape(action.group(1)), form);
        }
        throw new AssertionError("the IdP neither redirected nor posted back: " + idpAnswer.status() + " " + idpAnswer.body());
    }

    /** The whole flow: start, sign in, callback. */
    public Page consent(Login login) throws IOException, InterruptedException {
        return callback(signIn(start(null), login));
    }

    public CookieManager cookies() {
        return cookies;
    }

    public static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }

    /** The text of the element with this id on an app page, tags stripped. */
    public static String text(Page page, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</", Pattern.DOTALL).matcher(page.body());
        return m.find() ? unescape(m.group(1).replaceAll("<[^>]+>", "")).strip() : "";
    }
}
