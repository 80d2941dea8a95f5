package org.citizendata.collaborative.platform;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;
import static org.citizendata.collaborative.directory.CollaborativeGroups.CO_LEADS;
import static org.citizendata.collaborative.directory.CollaborativeGroups.MEMBERS;
import static org.citizendata.collaborative.directory.CollaborativeGroups.SECRETARIAT;
import static org.citizendata.collaborative.directory.CollaborativeGroups.STEERING_COMMITTEE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Who may use which web application and which Tasklist filters each role sees. Members use
 * Tasklist only; they see the tasks that are theirs, their organisation's or their group's
 * (the engine grants candidates and assignees their task), and they cannot create filters.
 */
@Component
public class TasklistAccess {

    public static final String MY_TASKS = "My tasks";
    public static final String MY_ORGANISATION = "My organisation";
    public static final String STEERING_COMMITTEE_VOTES = "Steering Committee votes";
    public static final String ALL_OPEN_WORK = "All open work";

    static final String DECISION_PROCESS = "steering-committee-decision";

    private final AuthorizationService authorizationService;
    private final FilterService filterService;
    private final TaskService taskService;

    public TasklistAccess(AuthorizationService authorizationService, FilterService filterService,
            TaskService taskService) {
        this.authorizationService = authorizationService;
        this.filterService = filterService;
        this.taskService = taskService;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(StartupOrder.SECURITY_BASELINE)
    public void apply() {
        for (String group : List.of(MEMBERS, STEERING_COMMITTEE, CO_LEADS, SECRETARIAT)) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            // Tasklist shows the names of candidate groups.
            grant(group, Resources.GROUP, ANY, Permissions.READ);
        }
        // ToR: workstreams are proposed by members, from Tasklist's "Start process".
        grant(MEMBERS, Resources.PROCESS_DEFINITION, "workstream-proposal", Permissions.READ, Permissions.CREATE_INSTANCE);
        // ToR: workstream outputs are submitted by their leads (checked when submitted).
        grant(MEMBERS, Resources.PROCESS_DEFINITION, "output-review", Permissions.READ, Permissions.CREATE_INSTANCE);
        grant(MEMBERS, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
        // The Secretariat monitors all the Collaborative's work (ToR: "Secretariat").
        grant(SECRETARIAT, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(SECRETARIAT, Resources.TASK, ANY, Permissions.READ);
        grant(SECRETARIAT, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY,
                Permissions.READ_INSTANCE);
        grant(SECRETARIAT, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
        grant(SECRETARIAT, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
        grant(SECRETARIAT, Resources.USER, ANY, Permissions.READ);
        // ToR: the Secretariat manages membership recruitment; it may open a drive by hand.
        grant(SECRETARIAT, Resources.PROCESS_DEFINITION, "membership-drive", Permissions.CREATE_INSTANCE);
        grant(SECRETARIAT, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
        // ToR: co-leads are elected every two years; the Secretariat may open an election early.
        grant(SECRETARIAT, Resources.PROCESS_DEFINITION, "co-lead-election", Permissions.CREATE_INSTANCE);
        // Mail deliveries that ran out of retries show as incidents; the Secretariat retries them.
        grant(SECRETARIAT, Resources.PROCESS_DEFINITION, "mail-delivery", Permissions.UPDATE_INSTANCE);

        // Tasklist opens the filter with the lowest priority: the organisation's open work.
        filter(MY_TASKS, 0, "Tasks assigned to me",
                taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"),
                MEMBERS, STEERING_COMMITTEE, CO_LEADS, SECRETARIAT);
        filter(MY_ORGANISATION, -10, "Tasks for my organisation and my groups",
                taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                        .includeAssignedTasks(),
                MEMBERS, STEERING_COMMITTEE, CO_LEADS, SECRETARIAT);
        filter(STEERING_COMMITTEE_VOTES, 10, "Ballots of the Steering Committee waiting for my organisation",
                taskService.createTaskQuery().processDefinitionKey(DECISION_PROCESS)
                        .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks(),
                STEERING_COMMITTEE);
        filter(ALL_OPEN_WORK, 20, "Every open task of the Collaborative",
                taskService.createTaskQuery(), SECRETARIAT);
    }

    private void filter(String name, int priority, String description, TaskQuery query, String... readers) {
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("description", description);
            properties.put("priority", priority);
            properties.put("refresh", true);
            filter = filterService.newTaskFilter(name).setQuery(query).setProperties(properties);
            filterService.saveFilter(filter);
        }
        for (String reader : readers) {
            grant(reader, Resources.FILTER, filter.getId(), Permissions.READ);
        }
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = authorizationService.createAuthorizationQuery()
                .authorizationType(AUTH_TYPE_GRANT).groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).singleResult();
        if (authorization == null) {
            authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
            authorization.setGroupId(groupId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        boolean changed = authorization.getId() == null;
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizationService.saveAuthorization(authorization);
        }
    }
}
