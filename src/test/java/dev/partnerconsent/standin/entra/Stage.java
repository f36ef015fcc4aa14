package dev.partnerconsent.standin.entra;

/** Where a scripted rule takes effect. */
public enum Stage {
    /** After the sign-in form is submitted: the error goes to the redirect URI (query or form_post). */
    REDIRECT,
    /** Token endpoint, {@code grant_type=authorization_code}. */
    CODE_GRANT,
    /** Token endpoint, {@code grant_type=refresh_token}. */
    REFRESH_GRANT
}
