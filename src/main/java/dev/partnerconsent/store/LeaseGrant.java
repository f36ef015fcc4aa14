package dev.partnerconsent.store;

import java.util.Optional;

/**
 * The keep-alive lease as a node holds it.
 *
 * @param fencing       this holding's number; the lease row's grows with every new holder
 * @param unfinishedRun the run a previous holder left unfinished (it died or lost the lease), to be continued
 */
public record LeaseGrant(String holder, long fencing, Optional<String> unfinishedRun) {
}
