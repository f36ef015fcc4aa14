package dev.partnerconsent.entra;

import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import dev.partnerconsent.diagnostics.EntraTrace;
import dev.partnerconsent.diagnostics.Failure;
import dev.partnerconsent.diagnostics.FailureCode;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The one client of the Microsoft APIs PartnerConsent calls with a user's delegated access token: Partner Center and
 * Microsoft Graph. The consent flow asks Partner Center for the partner's profile before it stores anything
 * ({@link #partnerProfile}); the access check calls both APIs through {@link #get}; the customer directory and the
 * application consents into customers through {@link #send}. Never follows a redirect (the
 * bearer token would go along) and never puts the token into an answer, failure or log line.
 */
@ApplicationScoped
public class MicrosoftApis {

    public static final String PROFILE_PATH = "/v1/profiles/organization";
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Partner Center's own MFA refusal, filed in the catalogue beside Entra's codes. */
    public static final String MFA_REQUIRED = "AADSTS900421";

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    public MicrosoftApis(Settings settings) {
        this.settings = settings;
    }

    protected MicrosoftApis() {
        this.settings = null;
    }

    /** {@code GET <base><path>} with the token as bearer. */
    public ApiAnswer get(URI base, String path, AccessToken token) throws IOException, InterruptedException {
        return send("GET", base, path, token, Optional.empty(), Map.of());
    }

    /**
     * {@code <method> <base><pathAndQuery>} with the token as bearer, a JSON body if given and extra headers (such as
     * Partner Center's {@code MS-ContinuationToken}); a throttled answer's {@code Retry-After} is kept.
     */
    public ApiAnswer send(String method, URI base, String pathAndQuery, AccessToken token, Optional<String> jsonBody,
                          Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token.getValue())
                .header("Accept", "application/json")
                .method(method, jsonBody.map(HttpRequest.BodyPublishers::ofString).orElse(HttpRequest.BodyPublishers.noBody()));
        jsonBody.ifPresent(j -> b.header("Content-Type", "application/json"));
        headers.forEach(b::header);
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(MicrosoftApis::seconds);
        return new ApiAnswer(response.statusCode(), response.body() == null ? "" : response.body(), retryAfter);
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip()))));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: treated as no hint
        }
    }

    /**
     * The partner's profile, fetched with the access token a consent just redeemed: only a 200 proves that the token
     * can act as a partner admin. A refusal is a failure naming why (no MFA: Partner Center's 900421; not an admin
     * agent, or not a partner: {@code partner-center-denied}); nothing has been stored when it is thrown.
     */
    public PartnerProfile partnerProfile(AccessToken token) throws FailureException {
        URI base = settings.get().lifecycle().partnerCenterUrl();
        String request = "GET " + PROFILE_PATH;
        if (token == null) {
            throw new FailureException(FailureCode.PARTNER_CENTER_DENIED, "The token endpoint returned no access token "
                    + "for Partner Center, so the consent cannot be proven to work there.");
        }
        ApiAnswer answer;
        try {
            answer = get(base, PROFILE_PATH, token);
        } catch (IOException e) {
            throw new FailureException(FailureCode.API_UNREACHABLE, "Partner Center at " + base + " could not be reached ("
                    + e.getClass().getSimpleName() + "), so the consent could not be proven to work there.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FailureException(FailureCode.API_UNREACHABLE, "Interrupted while asking Partner Center.");
        }
        if (answer.ok()) {
            return new PartnerProfile(companyName(answer.body()));
        }
        String said = "Partner Center answered " + request + " with HTTP " + answer.status() + ": "
                + answer.description().orElse(answer.excerpt());
        if (answer.status() == 401 || answer.status() == 403) {
            if (answer.mfaRequired()) {
                throw new FailureException(new Failure(MFA_REQUIRED, 403, said, EntraTrace.none()));
            }
            throw new FailureException(FailureCode.PARTNER_CENTER_DENIED, said);
        }
        throw new FailureException(FailureCode.PARTNER_CENTER_REFUSED, said);
    }

    private static String companyName(String body) {
        try {
            String name = JSONObjectUtils.getString(JSONObjectUtils.parse(body), "companyName", "");
            return EntraErrors.safe(name);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            return "";
        }
    }
}
