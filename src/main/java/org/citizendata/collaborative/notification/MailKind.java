package org.citizendata.collaborative.notification;

/**
 * The kinds of mail, each with its template under {@code templates/mail/} and whether it is
 * essential: essential mail is sent whatever the recipient's preferences.
 */
public enum MailKind {
    TASK_CREATED("task-created", false),
    TASK_REMINDER("task-reminder", false),
    TASK_ESCALATION("task-escalation", true),
    VOTE_REMINDER("vote-reminder", false),
    DECISION_OUTCOME("decision-outcome", true),
    PROCESS_MESSAGE("process-message", true),
    DIGEST("digest", false);

    private final String template;
    private final boolean essential;

    MailKind(String template, boolean essential) {
        this.template = template;
        this.essential = essential;
    }

    public String template() {
        return template;
    }

    public boolean essential() {
        return essential;
    }
}
