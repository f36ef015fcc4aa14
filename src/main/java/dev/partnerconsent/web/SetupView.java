package dev.partnerconsent.web;

import dev.partnerconsent.settings.Settings;
import dev.partnerconsent.settings.SetupProblem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/** Backs {@code setup.xhtml} and the start page's warning: the settings check's findings. */
@Named("setupView")
@RequestScoped
public class SetupView {

    private final Settings settings;

    @Inject
    public SetupView(Settings settings) {
        this.settings = settings;
    }

    protected SetupView() {
        this.settings = null;
    }

    public boolean isReady() {
        return settings.ready();
    }

    public List<SetupProblem> getProblems() {
        return settings.problems();
    }

    public String getSettingsSummary() {
        return settings.get().toString();
    }
}
