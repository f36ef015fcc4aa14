package dev.partnerconsent.standin.entra;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * Spoil the ID token of token responses (both grants unless narrowed); access and refresh tokens
 * stay normal. Sticky and matching every request unless narrowed.
 *
 * @param hmacSecret the key for {@link IdTokenTamper#HS256_WITH_SECRET}, null otherwise
 */
public record TamperRule(IdTokenTamper kind, String hmacSecret, Set<Stage> stages, Match match, boolean oneShot)
        implements Rule {

    public TamperRule {
        stages = Set.copyOf(stages);
        if (stages.contains(Stage.REDIRECT)) {
            throw new IllegalArgumentException("ID tokens are only issued by the token endpoint");
        }
        if ((kind == IdTokenTamper.HS256_WITH_SECRET) != (hmacSecret != null)) {
            throw new IllegalArgumentException("a secret goes with HS256_WITH_SECRET and nothing else");
        }
        if (hmacSecret != null && hmacSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("HS256 needs a secret of at least 32 bytes");
        }
    }

    public static TamperRule of(IdTokenTamper kind) {
        return new TamperRule(kind, null, EnumSet.of(Stage.CODE_GRANT, Stage.REFRESH_GRANT), Match.any(), false);
    }

    public static TamperRule hs256(String secret) {
        return new TamperRule(IdTokenTamper.HS256_WITH_SECRET, secret,
                EnumSet.of(Stage.CODE_GRANT, Stage.REFRESH_GRANT), Match.any(), false);
    }

    public TamperRule at(Stage stage, Stage... more) {
        return new TamperRule(kind, hmacSecret, EnumSet.of(stage, more), match, oneShot);
    }

    public TamperRule matching(Match newMatch) {
        return new TamperRule(kind, hmacSecret, stages, newMatch, oneShot);
    }

    public TamperRule once() {
        return new TamperRule(kind, hmacSecret, stages, match, true);
    }
}
