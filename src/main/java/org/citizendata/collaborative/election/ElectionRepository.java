package org.citizendata.collaborative.election;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Co-lead terms, elections, nominations, candidates, ballots, turnout and the unlinked choices. */
@Repository
class ElectionRepository {

    record Term(String id, String organisationId, LocalDate startsOn, LocalDate endsOn, boolean extended) {
    }

    record Election(String key, LocalDate termStartsOn, LocalDate termEndsOn, int seats, List<String> outgoing,
            String status, int nominationRound, String extendedOrganisation, String result) {
    }

    record Ballot(String id, String electionKey, int round, int seats, List<String> candidates, int electorate,
            Instant closesAt) {
    }

    private static final RowMapper<Term> TERM = (rs, n) -> new Term(rs.getString("id"), rs.getString("organisation_id"),
            rs.getDate("starts_on").toLocalDate(), rs.getDate("ends_on").toLocalDate(), rs.getBoolean("extended"));

    private static final RowMapper<Election> ELECTION = (rs, n) -> new Election(rs.getString("election_key"),
            rs.getDate("term_starts_on").toLocalDate(), rs.getDate("term_ends_on").toLocalDate(), rs.getInt("seats"),
            list(rs.getString("outgoing")), rs.getString("status"), rs.getInt("nomination_round"),
            rs.getString("extended_organisation"), rs.getString("result"));

    private static final RowMapper<Ballot> BALLOT = (rs, n) -> new Ballot(rs.getString("id"), rs.getString("election_key"),
            rs.getInt("round"), rs.getInt("seats"), list(rs.getString("candidates")), rs.getInt("electorate"),
            rs.getTimestamp("closes_at").toInstant());

    private final JdbcTemplate jdbc;

    ElectionRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // Terms

    void insertTerm(String organisationId, LocalDate startsOn, LocalDate endsOn, String electionKey) {
        jdbc.update("insert into co_lead_term (id, organisation_id, starts_on, ends_on, election_key) values (?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), organisationId, Date.valueOf(startsOn), Date.valueOf(endsOn), electionKey);
    }

    /** The terms that cover the day. */
    List<Term> termsOn(LocalDate day) {
        return jdbc.query("select * from co_lead_term where starts_on <= ? and ends_on > ? order by organisation_id", TERM,
                Date.valueOf(day), Date.valueOf(day));
    }

    /** Every term, newest first. */
    List<Term> allTerms() {
        return jdbc.query("select * from co_lead_term order by starts_on desc, organisation_id", TERM);
    }

    void extendTerm(String termId, LocalDate newEnd) {
        jdbc.update("update co_lead_term set ends_on = ?, extended = true where id = ?", Date.valueOf(newEnd), termId);
    }

    // Elections

    Optional<Election> findElection(String key) {
        return jdbc.query("select * from election where election_key = ?", ELECTION, key).stream().findFirst();
    }

    boolean electionFor(LocalDate termStartsOn) {
        return jdbc.queryForObject("select count(*) from election where term_starts_on = ?", Integer.class,
                Date.valueOf(termStartsOn)) > 0;
    }

    void insertElection(String key, LocalDate termStartsOn, LocalDate termEndsOn, int seats, List<String> outgoing,
            String openedBy, Instant openedAt, String processInstanceId) {
        jdbc.update("insert into election (election_key, term_starts_on, term_ends_on, seats, outgoing, status, opened_by,"
                + " opened_at, process_instance_id) values (?, ?, ?, ?, ?, 'CONTINUITY', ?, ?, ?)", key,
                Date.valueOf(termStartsOn), Date.valueOf(termEndsOn), seats, String.join(",", outgoing), openedBy,
                Timestamp.from(openedAt), processInstanceId);
    }

    void setStatus(String key, String status) {
        jdbc.update("update election set status = ? where election_key = ?", status, key);
    }

    void recordContinuity(String key, String extendedOrganisation, int seats) {
        jdbc.update("update election set extended_organisation = ?, seats = ? where election_key = ?",
                extendedOrganisation, seats, key);
    }

    int nextNominationRound(String key) {
        jdbc.update("update election set nomination_round = nomination_round + 1, status = 'NOMINATING'"
                + " where election_key = ?", key);
        return jdbc.queryForObject("select nomination_round from election where election_key = ?", Integer.class, key);
    }

    void recordResult(String key, String status, String result) {
        jdbc.update("update election set status = ?, result = ? where election_key = ?", status, result, key);
    }

    void recordCertification(String key, String userId, Instant at) {
        jdbc.update("update election set status = 'CERTIFIED', certified_by = ?, certified_at = ? where election_key = ?",
                userId, Timestamp.from(at), key);
    }

    // Nominations and candidates

    void nominate(String key, int round, String nominee, String nominatedBy, String userId, Instant at) {
        jdbc.update("insert into election_nomination (election_key, round, nominee, nominated_by, nominated_by_user,"
                + " nominated_at) values (?, ?, ?, ?, ?, ?)", key, round, nominee, nominatedBy, userId, Timestamp.from(at));
    }

    /** Nominees of the round who are not standing already (those who declined or did not answer are asked again). */
    List<String> newNominees(String key, int round) {
        return jdbc.queryForList("select distinct nominee from election_nomination n where election_key = ? and round = ?"
                + " and not exists (select 1 from election_candidate c where c.election_key = n.election_key"
                + " and c.organisation_id = n.nominee and c.answer in ('ACCEPTED', 'PENDING')) order by nominee",
                String.class, key, round);
    }

    void addPendingCandidate(String key, String organisationId) {
        int asked = jdbc.update("update election_candidate set answer = 'PENDING', answered_by = null, answered_at = null"
                + " where election_key = ? and organisation_id = ?", key, organisationId);
        if (asked == 0) {
            jdbc.update("insert into election_candidate (election_key, organisation_id, answer) values (?, ?, 'PENDING')",
                    key, organisationId);
        }
    }

    /** Records the nominee's answer; false when it was given already. */
    boolean answer(String key, String organisationId, String answer, String userId, Instant at) {
        return jdbc.update("update election_candidate set answer = ?, answered_by = ?, answered_at = ? where election_key = ?"
                + " and organisation_id = ? and answer = 'PENDING'", answer, userId, Timestamp.from(at), key,
                organisationId) == 1;
    }

    void markUnanswered(String key) {
        jdbc.update("update election_candidate set answer = 'NO_ANSWER' where election_key = ? and answer = 'PENDING'", key);
    }

    List<String> acceptedCandidates(String key) {
        return jdbc.queryForList("select organisation_id from election_candidate where election_key = ? and answer = 'ACCEPTED'"
                + " order by organisation_id", String.class, key);
    }

    // Ballots

    String openBallot(String key, int round, int seats, List<String> candidates, int electorate, Instant openedAt,
            Instant closesAt) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into election_ballot (id, election_key, round, seats, candidates, electorate, opened_at, closes_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)", id, key, round, seats, String.join(",", candidates), electorate,
                Timestamp.from(openedAt), Timestamp.from(closesAt));
        return id;
    }

    Optional<Ballot> findBallot(String id) {
        return jdbc.query("select * from election_ballot where id = ?", BALLOT, id).stream().findFirst();
    }

    int ballotRounds(String key) {
        return jdbc.queryForObject("select count(*) from election_ballot where election_key = ?", Integer.class, key);
    }

    boolean hasVoted(String ballotId, String organisationId) {
        return jdbc.queryForObject("select count(*) from election_turnout where ballot_id = ? and organisation_id = ?",
                Integer.class, ballotId, organisationId) > 0;
    }

    /** Records that the organisation voted, and, apart from it, what was chosen. */
    void castSecretly(String ballotId, String organisationId, String userId, Instant at, List<String> choices) {
        jdbc.update("insert into election_turnout (ballot_id, organisation_id, cast_by, cast_at) values (?, ?, ?, ?)",
                ballotId, organisationId, userId, Timestamp.from(at));
        for (String choice : choices) {
            jdbc.update("insert into election_choice (id, ballot_id, candidate) values (?, ?, ?)",
                    UUID.randomUUID().toString(), ballotId, choice);
        }
    }

    int turnout(String ballotId) {
        return jdbc.queryForObject("select count(*) from election_turnout where ballot_id = ?", Integer.class, ballotId);
    }

    List<String> choices(String ballotId) {
        return jdbc.queryForList("select candidate from election_choice where ballot_id = ?", String.class, ballotId);
    }

    void closeBallot(String ballotId, Instant at, String result) {
        jdbc.update("update election_ballot set closed_at = ?, result = ? where id = ?", Timestamp.from(at), result, ballotId);
    }

    private static List<String> list(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
    }
}
