package org.citizendata.collaborative.directory;

import java.util.List;

/** The engine groups of the Collaborative's roles (domain.md, "Roles"). */
public final class CollaborativeGroups {

    public static final String MEMBERS = "members";
    public static final String STEERING_COMMITTEE = "steering-committee";
    public static final String CO_LEADS = "co-leads";
    public static final String SECRETARIAT = "secretariat";

    /** The built-in group of the engine's administrators. */
    public static final String ADMINISTRATORS = "camunda-admin";

    public static final List<String> ROLES = List.of(MEMBERS, STEERING_COMMITTEE, CO_LEADS, SECRETARIAT);

    private CollaborativeGroups() {
    }

    static String nameOf(String roleGroupId) {
        return switch (roleGroupId) {
            case MEMBERS -> "Members";
            case STEERING_COMMITTEE -> "Steering Committee";
            case CO_LEADS -> "Co-leads";
            case SECRETARIAT -> "Secretariat";
            default -> throw new IllegalArgumentException("Not a role group: " + roleGroupId);
        };
    }
}
