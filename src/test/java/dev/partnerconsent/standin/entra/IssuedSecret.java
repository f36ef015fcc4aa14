package dev.partnerconsent.standin.entra;

/** One secret as handed out, in order of issue. */
public record IssuedSecret(SecretKind kind, String tenantId, String value) {
}
