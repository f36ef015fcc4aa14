package dev.partnerconsent.entra;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.MalformedURLException;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The authority's signing keys, one cached source per JWKS URL: fetched once, kept for a day, refetched
 * once when a token names an unknown {@code kid} (at most every 30 s, so forged kids cannot make us
 * hammer Entra ID).
 */
@ApplicationScoped
public class SigningKeys {

    static final long TIME_TO_LIVE_MS = TimeUnit.HOURS.toMillis(24);
    static final long REFRESH_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(15);
    static final long MIN_REFETCH_INTERVAL_MS = TimeUnit.SECONDS.toMillis(30);

    private final ConcurrentHashMap<URI, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();

    public JWKSource<SecurityContext> forJwksUri(URI jwksUri) {
        return sources.computeIfAbsent(jwksUri, SigningKeys::build);
    }

    private static JWKSource<SecurityContext> build(URI jwksUri) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(jwksUri.toURL(),
                            new DefaultResourceRetriever(10_000, 10_000, 512 * 1024))
                    .cache(TIME_TO_LIVE_MS, REFRESH_TIMEOUT_MS)
                    .rateLimited(MIN_REFETCH_INTERVAL_MS)
                    .refreshAheadCache(false)
                    .retrying(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Bad jwks_uri " + jwksUri, e);
        }
    }
}
