package dev.partnerconsent.operator;

import dev.partnerconsent.lifecycle.InventoryPage;
import jakarta.json.bind.annotation.JsonbNillable;

import java.util.List;

/** One page of {@code GET /api/consents} and the cursor of the next ({@code null} on the last page). */
@JsonbNillable
public record ConsentsAnswer(List<ConsentAnswer> consents, String next) {

    public ConsentsAnswer {
        consents = List.copyOf(consents);
    }

    static ConsentsAnswer of(InventoryPage page, String contextPath) {
        return new ConsentsAnswer(page.entries().stream().map(e -> ConsentAnswer.of(e, contextPath)).toList(),
                page.next().orElse(null));
    }
}
