package dev.partnerconsent.standin.entra;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signs in at the local Entra ID without a browser: GET the authorize URL (the sign-in page),
 * then POST the form back to the same URL. The form's fields are {@code username},
 * {@code tenant} (a GUID), {@code mfa} (present = MFA done; {@code on}/{@code true}) and
 * {@code action} ({@code signin} or {@code cancel}), sent as {@code application/x-www-form-urlencoded}.
 */
public final class LoginFormClient {

    private static final Pattern FORM_ACTION = Pattern.compile("<form method=\"POST\" name=\"hiddenform\" action=\"([^\"]*)\"");
    private static final Pattern HIDDEN_INPUT =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

    private LoginFormClient() {
    }

    public static AuthorizeOutcome signIn(URI authorizeUrl, String username, String tenantId, boolean mfa) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", username);
        fields.put("tenant", tenantId);
        if (mfa) {
            fields.put("mfa", "on");
        }
        fields.put("action", "signin");
        return openThenSubmit(authorizeUrl, fields);
    }

    /** The user presses Cancel on the sign-in page. */
    public static AuthorizeOutcome cancel(URI authorizeUrl) {
        return openThenSubmit(authorizeUrl, Map.of("action", "cancel"));
    }

    /** Only the GET: the sign-in page, or an immediate answer (error page, error redirect). */
    public static AuthorizeOutcome open(URI authorizeUrl) {
        return send(new HTTPRequest(HTTPRequest.Method.GET, authorizeUrl));
    }

    /** Only the POST, with any fields: for tests of the form's own checks. */
    public static AuthorizeOutcome submit(URI authorizeUrl, Map<String, String> fields) {
        HTTPRequest post = new HTTPRequest(HTTPRequest.Method.POST, authorizeUrl);
        post.setHeader("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
        Map<String, List<String>> body = new LinkedHashMap<>();
        fields.forEach((k, v) -> body.put(k, List.of(v)));
        post.setBody(URLUtils.serializeParameters(body));
        return send(post);
    }

    private static AuthorizeOutcome openThenSubmit(URI authorizeUrl, Map<String, String> fields) {
        AuthorizeOutcome page = open(authorizeUrl);
        boolean showsForm = page.status() == 200 && !page.reachedRedirectUri() && page.body().contains("id=\"signin\"");
        return showsForm ? submit(authorizeUrl, fields) : page;
    }

    private static AuthorizeOutcome send(HTTPRequest request) {
        request.setFollowRedirects(false);
        request.setConnectTimeout(5_000);
        request.setReadTimeout(10_000);
        HTTPResponse response;
        try {
            response = request.send();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String body = response.getBody() == null ? "" : response.getBody();
        if (response.getStatusCode() == 302) {
            URI location = URI.create(response.getHeaderValue("Location"));
            String encoded = location.getRawFragment() != null ? location.getRawFragment() : location.getRawQuery();
            Map<String, String> params = new HashMap<>();
            URLUtils.parseParameters(encoded).forEach((k, v) -> params.put(k, v.get(0)));
            return new AuthorizeOutcome(302, location, params, false, body);
        }
        Matcher action = FORM_ACTION.matcher(body);
        if (response.getStatusCode() == 200 && action.find()) {
            Map<String, String> params = new LinkedHashMap<>();
            Matcher input = HIDDEN_INPUT.matcher(body);
            while (input.find()) {
                params.put(unescape(input.group(1)), unescape(input.group(2)));
            }
            return new AuthorizeOutcome(200, URI.create(unescape(action.group(1))), params, true, body);
        }
        return new AuthorizeOutcome(response.getStatusCode(), null, Map.of(), false, body);
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#13;", "\r").replace("&#10;", "\n")
                .replace("&amp;", "&");
    }
}
