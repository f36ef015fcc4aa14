package dev.partnerconsent.operator;

import dev.partnerconsent.alerts.ChannelAnswer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/** The setup page's "Send test alert": after the POST, each channel's answer (the form itself takes {@link SignedInOperator}). */
@Named("alertTestView")
@RequestScoped
public class AlertTestView {

    static final String ANSWERS = "dev.partnerconsent.testAlert";

    private final List<ChannelAnswer> answers;

    @Inject
    @SuppressWarnings("unchecked")
    public AlertTestView(ExternalContext context) {
        Object sent = context.getRequestMap().get(ANSWERS);
        this.answers = sent instanceof List<?> l ? (List<ChannelAnswer>) l : List.of();
    }

    protected AlertTestView() {
        this.answers = List.of();
    }



    public List<ChannelAnswer> getAnswers() {
        return answers;
    }

    public boolean isSent() {
        return !answers.isEmpty();
    }
}
