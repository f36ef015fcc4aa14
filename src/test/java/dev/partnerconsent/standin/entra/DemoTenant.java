package dev.partnerconsent.standin.entra;

/** A tenant offered on the sign-in page; any other GUID is accepted as well. */
public record DemoTenant(String id, String displayName, String domain) {
}
