package dev.partnerconsent.standin.entra;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the authorize step sent the browser: a 302 to the redirect URI, a form_post page aimed
 * at it, or a page of its own (the sign-in form again, or an Entra error page).
 *
 * @param target     the redirect URI with its query/fragment (302), the form's action (form_post), else null
 * @param parameters the parameters for the redirect URI (code, state, error, error_description, ...)
 * @param formPost   true when the parameters arrive by an auto-submitting form
 */
public record AuthorizeOutcome(int status, URI target, Map<String, String> parameters, boolean formPost,
                               String body) {

    public AuthorizeOutcome {
        parameters = Map.copyOf(parameters);
    }

    public boolean reachedRedirectUri() {
        return target != null;
    }

    public String code() {
        return parameters.get("code");
    }

    public String error() {
        return parameters.get("error");
    }

    /** Parsed by Nimbus, as the app's callback would parse it. */
    public AuthenticationResponse toNimbusResponse() throws ParseException {
        if (!reachedRedirectUri()) {
            throw new IllegalStateException("the browser stayed at the local Entra ID (HTTP " + status + ")");
        }
        if (!formPost) {
            return AuthenticationResponseParser.parse(target);
        }
        Map<String, List<String>> params = parameters.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
        return AuthenticationResponseParser.parse(target, params);
    }
}
