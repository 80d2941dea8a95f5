package org.citizendata.collaborative.platform;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** What the demo data needs to act in the processes as the demo users would in Tasklist. */
@Component
@Profile("demo")
public class DemoActions {

    private final IdentityService identityService;

    DemoActions(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** Runs the action as the user, with their groups, so that their rights and their name apply. */
    public <T> T as(String userId, Supplier<T> action) {
        List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
        identityService.setAuthentication(userId, groups);
        try {
            return action.get();
        } finally {
            identityService.clearAuthentication();
        }
    }

    public void as(String userId, Runnable action) {
        as(userId, () -> {
            action.run();
            return null;
        });
    }

    /** Waits up to 30 s for an asynchronous step (the job executor) to produce a value. */
    public static <T> T waitFor(Supplier<T> probe, String what) {
        long deadline = System.currentTimeMillis() + 30_000;
        T value = probe.get();
        while (value == null && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = probe.get();
        }
        if (value == null) {
            throw new IllegalStateException("Demo data: " + what + " did not happen within 30 s");
        }
        return value;
    }
}
