package dev.partnerconsent.standin.keyvault;

import java.util.function.Function;

/**
 * What the dispatcher found for a request.
 *
 * @param vault whether it is a Key Vault call (api-version, bearer token, faults) rather than a token endpoint call
 * @param secretName the secret addressed, or null; named in RBAC 403 messages
 */
record Route(Operation operation, boolean vault, String secretName, Function<HttpRequest, HttpReply> handler) {

    static Route vault(Operation operation, String secretName, Function<HttpRequest, HttpReply> handler) {
        return new Route(operation, true, secretName, handler);
    }

    static Route token(Function<HttpRequest, HttpReply> handler) {
        return new Route(Operation.TOKEN, false, null, handler);
    }
}
