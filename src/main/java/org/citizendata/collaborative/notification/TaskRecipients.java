package org.citizendata.collaborative.notification;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.citizendata.collaborative.directory.DirectoryLookup;
import org.citizendata.collaborative.directory.Organisation;
import org.springframework.stereotype.Component;

/** Who a task is for, each with the reason they are told: assigned, candidate, or in a group. */
@Component
class TaskRecipients {

    private final DirectoryLookup directory;

    TaskRecipients(DirectoryLookup directory) {
        this.directory = directory;
    }

    /** User id to the reason they receive mail about the task. */
    Map<String, String> of(String assignee, Set<? extends IdentityLink> links) {
        Map<String, String> recipients = new LinkedHashMap<>();
        if (assignee != null) {
            recipients.put(assignee, "the task is assigned to you");
            return recipients;
        }
        for (IdentityLink link : links) {
            if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                continue;
            }
            if (link.getUserId() != null) {
                recipients.putIfAbsent(link.getUserId(), "you are a candidate for the task");
            }
            if (link.getGroupId() != null) {
                directory.group(link.getGroupId()).ifPresent(group -> {
                    String reason = reasonFor(group);
                    group.members().forEach(user -> recipients.putIfAbsent(user, reason));
                });
            }
        }
        return recipients;
    }

    private static String reasonFor(DirectoryLookup.GroupMembers group) {
        String name = group.name() == null ? group.id() : group.name();
        return group.id().startsWith(Organisation.GROUP_PREFIX)
                ? "you represent " + name + " and the task is for your organisation"
                : "you are a member of the group " + name + " and the task is for it";
    }
}
