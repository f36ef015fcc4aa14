package dev.partnerconsent.standin.keyvault;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Key Vault error answer: {@code {"error":{"code":…,"message":…,"innererror":{"code":…}}}}. Messages follow Azure's
 * wording where it is known (from real responses quoted in public issues); the rest say plainly what is wrong.
 */
final class VaultError extends RuntimeException {

    private static final String NOT_FOUND_HELP = " was not found in this key vault. If you recently deleted this "
            + "secret you may be able to recover it using the correct recovery command. For help resolving this issue, "
            + "please see https://go.microsoft.com/fwlink/?linkid=2125182";

    private final int status;
    private final String code;
    private final String innerCode;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private VaultError(int status, String code, String message, String innerCode) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.innerCode = innerCode;
    }

    static VaultError of(int status, String code, String message) {
        return new VaultError(status, code, message, null);
    }

    static VaultError badParameter(String message) {
        return new VaultError(400, "BadParameter", message, null);
    }

    static VaultError invalidName(String name) {
        return badParameter("The request URI contains an invalid name: " + name);
    }

    static VaultError secretNotFound(String nameOrId) {
        return new VaultError(404, "SecretNotFound", "A secret with (name/id) " + nameOrId + NOT_FOUND_HELP, null);
    }

    static VaultError deletedSecretNotFound() {
        return new VaultError(404, "SecretNotFound", "Deleted Secret not found", null);
    }

    static VaultError disabled(String operation) {
        return new VaultError(403, "Forbidden", "Operation " + operation + " is not allowed on a disabled secret.",
                "SecretDisabled");
    }

    static VaultError forbidden(String innerCode, String message) {
        return new VaultError(403, "Forbidden", message, innerCode);
    }

    static VaultError deletedButRecoverable(String name) {
        return new VaultError(409, "Conflict", "Secret " + name + " is currently in a deleted but recoverable state, "
                + "and its name cannot be reused; in this state, the secret can only be recovered or purged.",
                "ObjectIsDeletedButRecoverable");
    }

    static VaultError beingRecovered(String name) {
        return new VaultError(409, "Conflict", "Secret " + name
                + " is currently being recovered and cannot be re-created; retry later.", "ObjectIsBeingRecovered");
    }

    /** 401; the caller adds the {@code WWW-Authenticate} challenge, which Key Vault sends with every 401. */
    static VaultError unauthorized(String message) {
        return new VaultError(401, "Unauthorized", message, null);
    }

    VaultError withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String innerCode() {
        return innerCode;
    }

    Map<String, String> headers() {
        return headers;
    }
}
