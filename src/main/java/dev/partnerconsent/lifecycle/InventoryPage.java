package dev.partnerconsent.lifecycle;

import java.util.List;
import java.util.Optional;

/** One page of the inventory and the cursor of the next, if any. */
public record InventoryPage(List<InventoryEntry> entries, Optional<String> next) {

    public InventoryPage {
        entries = List.copyOf(entries);
    }
}
