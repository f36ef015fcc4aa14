package dev.partnerconsent.standin.entra;

import java.util.Set;

/** A scripted behaviour: a failure to answer with, or a way to spoil the next ID token. */
public sealed interface Rule permits ScriptedFailure, TamperRule {

    Set<Stage> stages();

    Match match();

    /** One-shot rules fire once and are gone; the others stay until their script is closed. */
    boolean oneShot();
}
