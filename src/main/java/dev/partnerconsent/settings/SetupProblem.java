package dev.partnerconsent.settings;

/**
 * One thing wrong with the configuration or the environment, said so an operator can fix it without reading code.
 *
 * @param key      the setting or probe concerned, e.g. {@code partnerconsent.client-id} or {@code probe:keyvault}
 * @param problem  what is wrong
 * @param fix      what to change
 * @param blocking true when consents cannot work until it is fixed (readiness DOWN); false for a warning
 */
public record SetupProblem(String key, String problem, String fix, boolean blocking) {

    public SetupProblem(String key, String problem, String fix) {
        this(key, problem, fix, true);
    }

    public static SetupProblem warning(String key, String problem, String fix) {
        return new SetupProblem(key, problem, fix, false);
    }

    /** One line for logs and health reports. */
    public String summary() {
        return (blocking ? "" : "warning: ") + key + ": " + problem + " Fix: " + fix;
    }
}
