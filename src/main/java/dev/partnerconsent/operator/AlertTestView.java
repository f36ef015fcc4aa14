package dev.partnerconsent.operator;

import dev.partnerconsent.alerts.ChannelAnswer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/** The setup page's "Send test alert": the form's anti-forgery token and, after the POST, each channel's answer. */
@Named("alertTestView")
@RequestScoped
public class AlertTestView {

    static final String ANSWERS = "dev.partnerconsent.testAlert";

    private final OperatorIdentity operator;
    private final List<ChannelAnswer> answers;

    @Inject
    @SuppressWarnings("unchecked")
    public AlertTestView(ExternalContext context) {
        this.operator = (OperatorIdentity) context.getRequestMap().get(OperatorIdentity.REQUEST_ATTRIBUTE);
        Object sent = context.getRequestMap().get(ANSWERS);
        this.answers = sent instanceof List<?> l ? (List<ChannelAnswer>) l : List.of();
    }

    protected AlertTestView() {
        this.operator = null;
        this.answers = List.of();
    }

    public String getCsrf() {
        return operator == null ? "" : operator.csrf();
    }

    /** Whether the operator may send one (Operator role): a Reader sees no button that would answer 403. */
    public boolean isMaySend() {
        return operator != null && operator.may(OperatorRole.OPERATOR);
    }

    public List<ChannelAnswer> getAnswers() {
        return answers;
    }

    public boolean isSent() {
        return !answers.isEmpty();
    }
}
