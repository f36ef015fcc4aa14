package dev.partnerconsent.alerts;

import java.util.Optional;

/**
 * What one channel did with a test alert, for the setup page and the API.
 *
 * @param channel  the channel's name (a webhook's host, never its URL)
 * @param outcome  {@code delivered} or {@code failed}
 * @param code     the catalogue's code for a failure
 * @param detail   the status, timeout or server answer
 * @param title    the catalogue's title for the code
 * @param fix      the catalogue's fix for the code
 */
public record ChannelAnswer(String channel, String outcome, Optional<String> code, String detail, String title, String fix) {

    public boolean delivered() {
        return "delivered".equals(outcome);
    }
}
