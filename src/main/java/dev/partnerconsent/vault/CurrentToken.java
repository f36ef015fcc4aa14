package dev.partnerconsent.vault;

import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.partnerconsent.tenant.TenantId;

import java.util.Map;

/**
 * The refresh token a tenant's secret currently holds, with that version's tags, for the code that redeems it.
 * {@code toString} never prints the token.
 */
public record CurrentToken(TenantId tenantId, String secretName, String version, RefreshToken token,
                           Map<String, String> tags) {

    public CurrentToken {
        tags = Map.copyOf(tags);
    }

    @Override
    public String toString() {
        return "CurrentToken[" + secretName + "/" + version + "]";
    }
}
