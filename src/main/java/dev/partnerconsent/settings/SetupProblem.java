package dev.partnerconsent.settings;

/**
 * One thing wrong with the configuration, said so an operator can fix it without reading code.
 *
 * @param key     the setting concerned, e.g. {@code partnerconsent.client-id}
 * @param problem what is wrong with it
 * @param fix     what to change
 */
public record SetupProblem(String key, String problem, String fix) {

    /** One line for logs and health reports. */
    public String summary() {
        return key + ": " + problem + " Fix: " + fix;
    }
}
