package dev.partnerconsent.store;

import java.util.List;

/**
 * One page of a listing, newest first.
 *
 * @param page  zero-based page number
 * @param total how many rows match in all
 */
public record Paged<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 500;

    public Paged {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    /** A page size within 1..{@link #MAX_SIZE}. */
    public static int size(int asked) {
        return Math.max(1, Math.min(MAX_SIZE, asked));
    }
}
