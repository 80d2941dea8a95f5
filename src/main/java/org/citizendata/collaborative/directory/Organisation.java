package org.citizendata.collaborative.directory;

/**
 * A member organisation of the Collaborative. Its representatives are the users of the engine
 * group {@link #groupId()}.
 */
public record Organisation(
        String id,
        String shortName,
        String name,
        StakeholderCategory category,
        String country,
        String website,
        boolean steeringCommittee) {

    public static final String GROUP_PREFIX = "org-";

    public String groupId() {
        return groupIdOf(id);
    }

    public static String groupIdOf(String organisationId) {
        return GROUP_PREFIX + organisationId;
    }
}
