package dev.partnerconsent.entra;

import dev.partnerconsent.diagnostics.FailureCode;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.partnerconsent.diagnostics.FailureException;
import dev.partnerconsent.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import net.minidev.json.JSONObject;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Fetches the authority's OpenID configuration once and keeps it for the life of the application.
 * A failed fetch is not cached, so the next sign-in tries again.
 * <p>
 * Entra's {@code /organizations} and {@code /common} documents publish the issuer
 * {@code https://login.microsoftonline.com/{tenantid}/v2.0}, which Nimbus rejects as a URI; the
 * placeholder is swapped for a legal stand-in before parsing and the template kept as text.
 */
@ApplicationScoped
public class ProviderMetadataSource {

    private static final Logger LOG = Logger.getLogger(ProviderMetadataSource.class.getName());
    private static final String PLACEHOLDER_STANDIN = "00000000-0000-0000-0000-00000000cafe";
    static final int TIMEOUT_MS = 10_000;

    private final Settings settings;
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile ProviderMetadata metadata;

    @Inject
    public ProviderMetadataSource(Settings settings) {
        this.settings = settings;
    }

    protected ProviderMetadataSource() {
        this.settings = null;
    }

    public ProviderMetadata get() throws FailureException {
        ProviderMetadata current = metadata;
        if (current == null) {
            synchronized (this) {
                current = metadata;
                if (current == null) {
                    current = fetch();
                    metadata = current;
                }
            }
        }
        return current;
    }

    /** How many times the document was fetched: the tests and metrics check that it is once. */
    public int fetchCount() {
        return fetches.get();
    }

    private ProviderMetadata fetch() throws FailureException {
        URI authority = settings.get().authority().orElseThrow();
        URI location = URI.create(stripSlash(authority.toString()) + "/.well-known/openid-configuration");
        fetches.incrementAndGet();
        HTTPResponse response;
        try {
            HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, location);
            request.setConnectTimeout(TIMEOUT_MS);
            request.setReadTimeout(TIMEOUT_MS);
            response = request.send();
        } catch (IOException e) {
            throw new FailureException(FailureCode.METADATA_UNREACHABLE,
                    "Could not read " + location + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        if (response.getStatusCode() != 200) {
            throw new FailureException(FailureCode.METADATA_UNREACHABLE,
                    location + " answered HTTP " + response.getStatusCode() + ".");
        }
        try {
            JSONObject json = response.getContentAsJSONObject();
            String issuerTemplate = (String) json.get("issuer");
            if (issuerTemplate == null) {
                throw new ParseException("no issuer");
            }
            json.put("issuer", issuerTemplate.replace(ProviderMetadata.TENANT_PLACEHOLDER, PLACEHOLDER_STANDIN));
            OIDCProviderMetadata parsed = OIDCProviderMetadata.parse(json);
            ProviderMetadata result = new ProviderMetadata(issuerTemplate, parsed.getAuthorizationEndpointURI(),
                    parsed.getTokenEndpointURI(), parsed.getJWKSetURI());
            LOG.info(() -> "OpenID configuration read from " + location + ": issuer " + issuerTemplate);
            return result;
        } catch (ParseException | ClassCastException e) {
            throw new FailureException(FailureCode.METADATA_INVALID,
                    location + " is not an OpenID configuration document: " + e.getMessage());
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
