package dev.partnerconsent.standin.apis;

import java.util.List;

/**
 * One call the stand-in answered.
 *
 * @param api      {@code partner-center} or {@code graph}
 * @param audience the token's audience, or empty when the token was not even a signed JWT of the local Entra ID
 * @param amr      the token's authentication methods
 */
public record ApiCall(String api, int status, String tenantId, String audience, List<String> amr) {
}
