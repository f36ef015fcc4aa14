package dev.partnerconsent.http;

import dev.partnerconsent.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.logging.Logger;

/**
 * The keys of the sealed cookies, from {@code partnerconsent.cookie-key}: every node with the same key opens the
 * others' cookies. Without it, a key made for this process only. Each purpose other than the sign-in gets its own key
 * derived from it, so a cookie sealed for one purpose can never pass for another.
 */
@ApplicationScoped
public class CookieKeys {

    private static final Logger LOG = Logger.getLogger(CookieKeys.class.getName());

    private final byte[] base;

    @Inject
    public CookieKeys(Settings settings) {
        byte[] configured = settings.get().cookieKey().orElse(null);
        if (configured == null) {
            configured = new byte[32];
            new SecureRandom().nextBytes(configured);
            LOG.warning("partnerconsent.cookie-key is not set: sign-in cookies and operator sessions are sealed with a key "
                    + "made for this process only. With several nodes, or across a restart during a sign-in, set the same "
                    + "key on every node (openssl rand -base64 32).");
        }
        this.base = configured;
    }

    protected CookieKeys() {
        this.base = null;
    }

    /** Sealed with the configured key itself (the sign-in cookie). */
    public CookieSeal base() {
        return new CookieSeal(base);
    }

    /** Sealed with SHA-256(purpose ‖ configured key): a key for this purpose only. */
    public CookieSeal derived(String purpose) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(purpose.getBytes(StandardCharsets.UTF_8));
            return new CookieSeal(sha.digest(base));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
