package dev.partnerconsent.settings;

import java.util.List;

/**
 * A check against the real services (Entra ID metadata, Key Vault) that settings alone cannot prove right.
 * Implemented by the packages that own those clients; collected by {@link SetupStatus}.
 */
public interface LiveProbe {

    /** Short name shown on the setup page, e.g. {@code Key Vault}. */
    String name();

    /** The problems found; empty when the service answered as expected. Must not throw, and must bound its time. */
    List<SetupProblem> run();
}
