package org.citizendata.collaborative.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The body of a mail is rendered once for the recipients of one event; each still gets their own layout. */
class MailComposerTest {

    final MailComposer composer = new MailComposer();

    @Test
    void recipientsOfOneEventShareTheBodyAndEachGetsTheirOwnGreeting() {
        Map<String, Object> model = taskModel("Review the draft framework");

        MailComposer.Rendered amina = composer.render(MailKind.TASK_CREATED, "New task", "Amina", "you represent UNSD",
                "https://example.org/prefs/a", model);
        MailComposer.Rendered kofi = composer.render(MailKind.TASK_CREATED, "New task", "Kofi", "you represent GSS",
                null, model);

        assertThat(amina.text()).contains("Dear Amina,").contains("Review the draft framework")
                .contains("because you represent UNSD").contains("https://example.org/prefs/a");
        assertThat(kofi.text()).contains("Dear Kofi,").contains("Review the draft framework")
                .contains("because you represent GSS").doesNotContain("prefs/a");
        assertThat(kofi.html()).contains("Kofi").contains("Review the draft framework").doesNotContain("Amina");
    }

    @Test
    void anotherModelOrTheSameMapChangedGetsItsOwnBody() {
        Map<String, Object> model = taskModel("First task");
        composer.render(MailKind.TASK_CREATED, "New task", "Amina", "why", null, model);

        assertThat(composer.render(MailKind.TASK_CREATED, "New task", "Amina", "why", null, taskModel("Second task"))
                .text()).contains("Second task").doesNotContain("First task");
        model.put("taskName", "Renamed task");
        assertThat(composer.render(MailKind.TASK_CREATED, "New task", "Amina", "why", null, model).html())
                .contains("Renamed task").doesNotContain("First task");
        assertThat(composer.render(MailKind.DECISION_OUTCOME, "Decided", "Amina", "why", null,
                Map.of("title", "An item", "outcomeLabel", "Approved", "tally", "6 approve")).text())
                .contains("An item").contains("Approved").doesNotContain("Renamed task");
    }

    private static Map<String, Object> taskModel(String name) {
        Map<String, Object> model = new HashMap<>();
        model.put("taskName", name);
        model.put("description", null);
        model.put("due", null);
        model.put("processName", "Output review");
        model.put("taskUrl", "http://localhost:8080/camunda/app/tasklist/default/#/?task=1");
        return model;
    }
}
