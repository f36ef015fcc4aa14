package dev.partnerconsent.standin.entra;

/** Kinds of secret the local Entra hands out, all of which a client must keep out of logs and pages. */
public enum SecretKind {
    AUTHORIZATION_CODE, ID_TOKEN, ACCESS_TOKEN, REFRESH_TOKEN
}
