package dev.partnerconsent.operator;

/**
 * The one table of who may do what under {@code /admin} and {@code /api}, applied by {@link OperatorAuthentication}
 * before anything runs: reading needs {@link OperatorRole#READER}; anything that changes state needs
 * {@link OperatorRole#OPERATOR}; obtaining an access token needs {@link OperatorRole#TOKEN_ISSUER}. A route added later
 * falls under these rules without an entry, so a new state-changing route is never open to readers.
 */
final class RequiredRole {

    private RequiredRole() {
    }

    /** @param path the container's decoded, normalised path within the application, lower-cased */
    static OperatorRole of(String method, String path) {
        // matched loosely on purpose: a trailing slash or a suffix must not slip a token route past this rule
        if (path.contains("access-token")) {
            return OperatorRole.TOKEN_ISSUER;
        }
        return "GET".equals(method) || "HEAD".equals(method) ? OperatorRole.READER : OperatorRole.OPERATOR;
    }
}
