package dev.partnerconsent.signin;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * States of sign-ins already completed on this node, kept until their cookie would have expired anyway,
 * so that a replayed callback is refused. (On another node a replay still fails at Entra ID: the code
 * inside it is single-use.)
 */
@ApplicationScoped
public class ConsumedSignIns {

    private final Map<String, Instant> consumed = new ConcurrentHashMap<>();

    /** Marks the state used; false if it was used before. */
    public boolean consume(String state, Instant expiresAt, Instant now) {
        consumed.values().removeIf(until -> until.isBefore(now));
        return consumed.putIfAbsent(state, expiresAt) == null;
    }
}
