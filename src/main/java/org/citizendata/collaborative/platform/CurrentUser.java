package org.citizendata.collaborative.platform;

import java.util.List;
import org.citizendata.collaborative.directory.CollaborativeGroups;

/** The user behind a request to the application's own API, with their groups. */
public record CurrentUser(String userId, List<String> groups) {

    /** The request attribute that holds it, for {@code @RequestAttribute}. */
    public static final String ATTRIBUTE = "collaborative.currentUser";

    public boolean isAdministrator() {
        return groups.contains(CollaborativeGroups.ADMINISTRATORS);
    }

    public boolean isSecretariat() {
        return groups.contains(CollaborativeGroups.SECRETARIAT) || isAdministrator();
    }

    public boolean isSteeringCommittee() {
        return groups.contains(CollaborativeGroups.STEERING_COMMITTEE) || groups.contains(CollaborativeGroups.CO_LEADS);
    }
}
