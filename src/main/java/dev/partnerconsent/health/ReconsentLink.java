package dev.partnerconsent.health;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where to send a partner admin for a new consent: the consent start with the tenant (and the user) as sign-in hints. */
public final class ReconsentLink {

    private ReconsentLink() {
    }

    /** @return a path relative to the app's root, e.g. {@code /consent/start?domain_hint=…} */
    public static String path(String tenantId, String user) {
        StringBuilder link = new StringBuilder("/consent/start?domain_hint=")
                .append(URLEncoder.encode(tenantId, StandardCharsets.UTF_8));
        if (user != null && user.contains("@")) {
            link.append("&login_hint=").append(URLEncoder.encode(user, StandardCharsets.UTF_8));
        }
        return link.toString();
    }
}
