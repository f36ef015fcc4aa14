package dev.partnerconsent.operator;

import java.util.Optional;

/**
 * What a request's session cookie turned out to be: none of ours ({@code caller} empty), a live session, or the session
 * of {@code caller} that has ended ({@code ended} says why).
 */
record SessionCheck(Optional<OperatorIdentity> caller, Optional<String> ended) {

    static SessionCheck none() {
        return new SessionCheck(Optional.empty(), Optional.empty());
    }

    static SessionCheck live(OperatorIdentity caller) {
        return new SessionCheck(Optional.of(caller), Optional.empty());
    }

    static SessionCheck ended(OperatorIdentity caller, String why) {
        return new SessionCheck(Optional.of(caller), Optional.of(why));
    }

    /** The caller, when the session may be used. */
    Optional<OperatorIdentity> live() {
        return ended.isPresent() ? Optional.empty() : caller;
    }
}
