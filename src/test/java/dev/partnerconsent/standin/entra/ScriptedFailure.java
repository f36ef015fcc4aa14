package dev.partnerconsent.standin.entra;

import java.util.EnumSet;
import java.util.Set;

/**
 * Answer with {@code error} at the given stages, e.g.
 * {@code ScriptedFailure.of(EntraErrorCodes.AADSTS50173, Stage.REFRESH_GRANT).matching(Match.tenant(t)).once()}.
 * Sticky and matching every request unless narrowed.
 */
public record ScriptedFailure(EntraError error, Set<Stage> stages, Match match, boolean oneShot) implements Rule {

    public ScriptedFailure {
        stages = Set.copyOf(stages);
    }

    public static ScriptedFailure of(EntraError error, Stage stage, Stage... more) {
        return new ScriptedFailure(error, EnumSet.of(stage, more), Match.any(), false);
    }

    public ScriptedFailure matching(Match newMatch) {
        return new ScriptedFailure(error, stages, newMatch, oneShot);
    }

    public ScriptedFailure once() {
        return new ScriptedFailure(error, stages, match, true);
    }
}
