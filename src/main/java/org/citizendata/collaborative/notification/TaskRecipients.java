package org.citizendata.collaborative.notification;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

    /** Whom a task is for, as read from it: its assignee, else its candidate users and groups, in its order. */
    record Addressees(String assignee, List<IdentityLink> candidates) {

        static Addressees of(String assignee, Collection<? extends IdentityLink> links) {
            return new Addressees(assignee, assignee != null ? List.of()
                    : links.stream().filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                            .map(IdentityLink.class::cast).toList());
        }

        Stream<String> groupIds() {
            return candidates.stream().map(IdentityLink::getGroupId).filter(Objects::nonNull);
        }
    }

    /** User id to the reason they receive mail about the task. */
    Map<String, String> of(String assignee, Set<? extends IdentityLink> links) {
        return ofAll(List.of(Addressees.of(assignee, links))).get(0);
    }

    /** {@link #of} for many tasks, with one read of their groups: for each task, user id to reason. */
    List<Map<String, String>> ofAll(List<Addressees> tasks) {
        Map<String, DirectoryLookup.GroupMembers> groups = directory.groups(tasks.stream()
                .flatMap(Addressees::groupIds).collect(Collectors.toSet()));
        return tasks.stream().map(task -> of(task, groups)).toList();
    }

    private static Map<String, String> of(Addressees task, Map<String, DirectoryLookup.GroupMembers> groups) {
        Map<String, String> recipients = new LinkedHashMap<>();
        if (task.assignee() != null) {
            recipients.put(task.assignee(), "the task is assigned to you");
            return recipients;
        }
        for (IdentityLink link : task.candidates()) {
            if (link.getUserId() != null) {
                recipients.putIfAbsent(link.getUserId(), "you are a candidate for the task");
            }
            DirectoryLookup.GroupMembers group = link.getGroupId() == null ? null : groups.get(link.getGroupId());
            if (group != null) {
                String reason = reasonFor(group);
                group.members().forEach(user -> recipients.putIfAbsent(user, reason));
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
