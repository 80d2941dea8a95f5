package org.citizendata.collaborative.platform;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;

/**
 * Runs what the application does on its own behalf (queueing a mail, starting a delivery) inside
 * a user's action without that user's authorizations: a member completing a task may not start
 * the mail process, but their action must still cause the mail.
 */
@Component
public class SystemActions {

    private final IdentityService identityService;

    SystemActions(IdentityService identityService) {
        this.identityService = identityService;
    }

    public <T> T withoutAuthorization(Supplier<T> action) {
        CommandContext commandContext = Context.getCommandContext();
        if (commandContext != null) {
            return commandContext.runWithoutAuthorization(action::get);
        }
        Authentication current = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return action.get();
        } finally {
            if (current != null) {
                identityService.setAuthentication(current);
            }
        }
    }
}
