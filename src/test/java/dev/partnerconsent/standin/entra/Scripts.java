package dev.partnerconsent.standin.entra;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** The armed rules, checked in the order they were added. Thread-safe. */
final class Scripts {

    /** A rule plus its one-shot latch, so two concurrent requests cannot both consume it. */
    private record Armed(Rule rule, AtomicBoolean spent) {
    }

    private final List<Armed> armed = new CopyOnWriteArrayList<>();

    Script add(List<? extends Rule> rules) {
        List<Armed> added = rules.stream().map(r -> new Armed(r, new AtomicBoolean())).toList();
        armed.addAll(added);
        return () -> armed.removeAll(added);
    }

    void clear() {
        armed.clear();
    }

    Optional<ScriptedFailure> failure(Stage stage, Match.RequestFacts facts) {
        return take(ScriptedFailure.class, stage, facts);
    }

    Optional<TamperRule> tamper(Stage stage, Match.RequestFacts facts) {
        return take(TamperRule.class, stage, facts);
    }

    private <R extends Rule> Optional<R> take(Class<R> type, Stage stage, Match.RequestFacts facts) {
        for (Armed a : armed) {
            Rule rule = a.rule();
            if (!type.isInstance(rule) || !rule.stages().contains(stage) || !rule.match().matches(facts)) {
                continue;
            }
            if (rule.oneShot()) {
                if (!a.spent().compareAndSet(false, true)) {
                    continue;
                }
                armed.remove(a);
            }
            return Optional.of(type.cast(rule));
        }
        return Optional.empty();
    }
}
