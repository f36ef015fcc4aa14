package dev.partnerconsent.http;

import dev.partnerconsent.settings.ConsentSettings.CookieKey;
import dev.partnerconsent.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.logging.Logger;

/**
 * The key ring of the sealed cookies, from {@code partnerconsent.cookie-keys} (newest first) or the single
 * {@code partnerconsent.cookie-key}: every node with the same ring opens the others' cookies, and a new key put first
 * seals from then on while cookies sealed with the older ones still open, so keys rotate without signing anyone out.
 * Without any, a key made for this process only. Each purpose other than the sign-in gets its own keys derived from the
 * ring, so a cookie sealed for one purpose can never pass for another.
 */
@ApplicationScoped
public class CookieKeys {

    private static final Logger LOG = Logger.getLogger(CookieKeys.class.getName());

    private final List<CookieKey> ring;

    @Inject
    public CookieKeys(Settings settings) {
        List<CookieKey> configured = settings.get().cookieKeys();
        if (configured.isEmpty()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            configured = List.of(new CookieKey("process", random));
            LOG.warning("No cookie key is set (partnerconsent.cookie-keys or partnerconsent.cookie-key): sign-in cookies and "
                    + "operator sessions are sealed with a key made for this process only. With several nodes, or across a "
                    + "restart during a sign-in, set the same key on every node (openssl rand -base64 32).");
        }
        this.ring = List.copyOf(configured);
    }

    protected CookieKeys() {
        this.ring = null;
    }

    /** Sealed with the configured keys themselves (the sign-in cookie). */
    public CookieSeal base() {
        return new CookieSeal(ring);
    }

    /** Sealed with SHA-256(purpose ‖ key) of each key of the ring, under the same ids: keys for this purpose only. */
    public CookieSeal derived(String purpose) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return new CookieSeal(ring.stream().map(k -> {
                sha.update(purpose.getBytes(StandardCharsets.UTF_8));
                return new CookieKey(k.id(), sha.digest(k.key()));
            }).toList());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
