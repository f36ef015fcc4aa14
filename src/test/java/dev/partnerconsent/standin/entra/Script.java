package dev.partnerconsent.standin.entra;

/** Rules added together; closing removes those that are still armed. */
@FunctionalInterface
public interface Script extends AutoCloseable {
    @Override
    void close();
}
