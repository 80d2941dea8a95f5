package org.citizendata.collaborative.directory;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The directory of the Collaborative: organisations in our tables, their representatives and
 * the role groups in the engine's identity service, kept in step.
 */
@Service
public class Directory {

    public static final String ORGANISATION_GROUP_TYPE = "organisation";
    public static final String ROLE_GROUP_TYPE = "role";

    private final OrganisationRepository organisations;
    private final IdentityService identityService;

    public Directory(OrganisationRepository organisations, IdentityService identityService) {
        this.organisations = organisations;
        this.identityService = identityService;
    }

    /** Creates the role groups that are missing; safe to call at every start. */
    public void ensureRoleGroups() {
        for (String role : CollaborativeGroups.ROLES) {
            ensureGroup(role, CollaborativeGroups.nameOf(role), ROLE_GROUP_TYPE);
        }
    }

    public Optional<Organisation> findOrganisation(String id) {
        return organisations.findById(id);
    }

    @Transactional
    public void addOrganisation(Organisation organisation) {
        organisations.insert(organisation);
        ensureGroup(organisation.groupId(), organisation.shortName(), ORGANISATION_GROUP_TYPE);
    }

    /**
     * Adds a representative of an organisation: a user in the organisation's group and in
     * {@code members}, and in {@code steering-committee} where the organisation has a seat.
     */
    @Transactional
    public void addRepresentative(String organisationId, Person person, String password) {
        Organisation organisation = organisations.findById(organisationId)
                .orElseThrow(() -> new IllegalArgumentException("No organisation with id " + organisationId));
        createUser(person, password);
        organisations.insertRepresentative(person.userId(), organisationId);
        identityService.createMembership(person.userId(), organisation.groupId());
        identityService.createMembership(person.userId(), CollaborativeGroups.MEMBERS);
        if (organisation.steeringCommittee()) {
            identityService.createMembership(person.userId(), CollaborativeGroups.STEERING_COMMITTEE);
        }
    }

    /** Adds a member of the Secretariat's staff (ToR: UNSD serves as the Secretariat). */
    public void addSecretariatStaff(Person person, String password) {
        createUser(person, password);
        identityService.createMembership(person.userId(), CollaborativeGroups.SECRETARIAT);
    }

    /** Puts every representative of the organisation into the {@code co-leads} group. */
    public void addCoLead(String organisationId) {
        for (String userId : organisations.findRepresentatives(organisationId)) {
            boolean already = identityService.createUserQuery().userId(userId)
                    .memberOfGroup(CollaborativeGroups.CO_LEADS).count() > 0;
            if (!already) {
                identityService.createMembership(userId, CollaborativeGroups.CO_LEADS);
            }
        }
    }

    /** The group of a workstream's leads ({@code workstream-<key>}), who receive its tasks. */
    public String createWorkstreamGroup(String workstreamKey, String title, List<String> leads) {
        String groupId = "workstream-" + workstreamKey;
        ensureGroup(groupId, title.length() > 240 ? title.substring(0, 240) : title, "workstream");
        for (String lead : leads) {
            if (identityService.createUserQuery().userId(lead).memberOfGroup(groupId).count() == 0) {
                identityService.createMembership(lead, groupId);
            }
        }
        return groupId;
    }

    private void createUser(Person person, String password) {
        User user = identityService.newUser(person.userId());
        user.setFirstName(person.firstName());
        user.setLastName(person.lastName());
        user.setEmail(person.email());
        user.setPassword(password);
        identityService.saveUser(user);
    }

    private void ensureGroup(String id, String name, String type) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType(type);
            identityService.saveGroup(group);
        }
    }

    /** A person as the directory knows them. */
    public record Person(String userId, String firstName, String lastName, String email) {
    }
}
