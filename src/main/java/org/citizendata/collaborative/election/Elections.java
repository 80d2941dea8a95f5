package org.citizendata.collaborative.election;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.citizendata.collaborative.directory.CollaborativeGroups;
import org.citizendata.collaborative.directory.DirectoryLookup;
import org.citizendata.collaborative.directory.OrganisationRepository;
import org.citizendata.collaborative.platform.SystemActions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** When elections start, and who is in the {@code co-leads} group: both follow the term table. */
@Service
public class Elections {

    private static final Logger LOG = LoggerFactory.getLogger(Elections.class);

    private final ElectionRepository repository;
    private final ElectionSettings settings;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final DirectoryLookup directory;
    private final OrganisationRepository organisations;
    private final SystemActions systemActions;

    Elections(ElectionRepository repository, ElectionSettings settings, RuntimeService runtimeService,
            IdentityService identityService, DirectoryLookup directory, OrganisationRepository organisations,
            SystemActions systemActions) {
        this.repository = repository;
        this.settings = settings;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.directory = directory;
        this.organisations = organisations;
        this.systemActions = systemActions;
    }

    /** The earliest end of a current term that has no election yet. */
    Optional<LocalDate> nextUncoveredTermEnd(LocalDate today) {
        return repository.termsOn(today).stream().map(ElectionRepository.Term::endsOn)
                .filter(end -> !repository.electionFor(end)).sorted().findFirst();
    }

    /** Starts an election for every term end within the lead time that has none (a day late is still caught). */
    public List<String> startDue(LocalDate today) {
        Set<LocalDate> due = new TreeSet<>();
        for (ElectionRepository.Term term : repository.termsOn(today)) {
            if (!term.endsOn().minus(settings.leadTime()).isAfter(today) && !repository.electionFor(term.endsOn())) {
                due.add(term.endsOn());
            }
        }
        return due.stream().map(end -> {
            LOG.info("Co-lead terms end on {}: starting the election", end);
            return systemActions.withoutAuthorization(() -> runtimeService.startProcessInstanceByKey(
                    ElectionDelegates.PROCESS_KEY, Map.of("termStartsOn", end.toString()))).getBusinessKey();
        }).toList();
    }

    /** Puts exactly the representatives of the organisations whose terms cover the day in {@code co-leads}. */
    public void alignCoLeadsGroup(LocalDate day) {
        Set<String> coLeadOrganisations = repository.termsOn(day).stream().map(ElectionRepository.Term::organisationId)
                .collect(Collectors.toSet());
        if (coLeadOrganisations.isEmpty()) {
            LOG.warn("No co-lead term covers {}: the co-leads group is left as it is", day);
            return;
        }
        Set<String> wanted = coLeadOrganisations.stream().flatMap(o -> organisations.findRepresentatives(o).stream())
                .collect(Collectors.toSet());
        List<String> current = directory.membersOf(CollaborativeGroups.CO_LEADS);
        systemActions.withoutAuthorization(() -> {
            current.stream().filter(u -> !wanted.contains(u))
                    .forEach(u -> identityService.deleteMembership(u, CollaborativeGroups.CO_LEADS));
            wanted.stream().filter(u -> !current.contains(u))
                    .forEach(u -> identityService.createMembership(u, CollaborativeGroups.CO_LEADS));
            return null;
        });
    }
}
