package org.citizendata.collaborative.decision;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Ballots, their electorate and their votes in the application's own tables. */
@Repository
class BallotRepository {

    private final JdbcTemplate jdbc;

    BallotRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Ballot b) {
        jdbc.update("insert into ballot (id, subject_type, subject_key, title, summary, proposing_organisation_id,"
                        + " options, secret, status, process_instance_id, quorum_rule_id, majority_rule_id,"
                        + " voting_period, extension_period) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                b.id(), b.subjectType(), b.subjectKey(), b.title(), b.summary(), b.proposingOrganisationId(),
                String.join(",", b.options()), b.secret(), b.status().name(), b.processInstanceId(),
                b.quorumRuleId(), b.majorityRuleId(), b.votingPeriod().toString(), b.extensionPeriod().toString());
    }

    Optional<Ballot> find(String id) {
        return jdbc.query("select * from ballot where id = ?", BallotRepository::ballot, id).stream().findFirst();
    }

    /** Locks the ballot row for the rest of the transaction, so that closing and voting do not interleave. */
    Optional<Ballot> lock(String id) {
        return jdbc.query("select * from ballot where id = ? for update", BallotRepository::ballot, id).stream().findFirst();
    }

    void open(String id, Instant openedAt, Instant closesAt) {
        jdbc.update("update ballot set status = 'OPEN', opened_at = ?, closes_at = ? where id = ?",
                Timestamp.from(openedAt), Timestamp.from(closesAt), id);
    }

    void reopen(String id, Instant closesAt, boolean extended) {
        jdbc.update("update ballot set status = 'OPEN', closed_at = null, closes_at = ?, extended = ? where id = ?",
                Timestamp.from(closesAt), extended, id);
    }

    void close(String id, Instant closedAt) {
        jdbc.update("update ballot set status = 'CLOSED', closed_at = ? where id = ?", Timestamp.from(closedAt), id);
    }

    void recordResult(String id, Outcome outcome, String sentence, String inputs, String rules) {
        jdbc.update("update ballot set outcome = ?, result_sentence = ?, result_inputs = ?, result_rules = ? where id = ?",
                outcome == null ? null : outcome.name(), sentence, inputs, rules, id);
    }

    void insertElector(String ballotId, String organisationId) {
        jdbc.update("insert into ballot_elector (ballot_id, organisation_id) values (?, ?)", ballotId, organisationId);
    }

    Optional<Elector> findElector(String ballotId, String organisationId) {
        return jdbc.query("select * from ballot_elector where ballot_id = ? and organisation_id = ?",
                (rs, n) -> new Elector(rs.getString("organisation_id"), rs.getBoolean("recused"),
                        rs.getString("recusal_reason"), rs.getString("recused_by")),
                ballotId, organisationId).stream().findFirst();
    }

    /** The organisation as an elector of the ballot, and whether it has voted, in one read. */
    Optional<Voter> findVoter(String ballotId, String organisationId) {
        return jdbc.query("select e.*, exists (select 1 from vote v where v.ballot_id = e.ballot_id"
                + " and v.organisation_id = e.organisation_id) as voted from ballot_elector e"
                + " where e.ballot_id = ? and e.organisation_id = ?",
                (rs, n) -> new Voter(new Elector(rs.getString("organisation_id"), rs.getBoolean("recused"),
                        rs.getString("recusal_reason"), rs.getString("recused_by")), rs.getBoolean("voted")),
                ballotId, organisationId).stream().findFirst();
    }

    List<Elector> findElectors(String ballotId) {
        return jdbc.query("select * from ballot_elector where ballot_id = ? order by organisation_id",
                (rs, n) -> new Elector(rs.getString("organisation_id"), rs.getBoolean("recused"),
                        rs.getString("recusal_reason"), rs.getString("recused_by")), ballotId);
    }

    void recuse(String ballotId, String organisationId, String reason, String recusedBy) {
        jdbc.update("update ballot_elector set recused = true, recusal_reason = ?, recused_by = ?"
                + " where ballot_id = ? and organisation_id = ?", reason, recusedBy, ballotId, organisationId);
    }

    /** Eligible organisations that have not voted yet. */
    List<String> findPendingVoters(String ballotId) {
        return jdbc.queryForList("select e.organisation_id from ballot_elector e where e.ballot_id = ?"
                + " and e.recused = false and not exists (select 1 from vote v where v.ballot_id = e.ballot_id"
                + " and v.organisation_id = e.organisation_id) order by e.organisation_id", String.class, ballotId);
    }

    /** Inserts the vote; the primary key refuses a second vote of the same organisation. */
    void insertVote(String ballotId, String organisationId, String choice, String reason, String castBy, Instant castAt) {
        jdbc.update("insert into vote (ballot_id, organisation_id, choice, reason, cast_by, cast_at)"
                + " values (?, ?, ?, ?, ?, ?)", ballotId, organisationId, choice, reason, castBy, Timestamp.from(castAt));
    }

    void insertSecretChoice(String ballotId, String choice) {
        jdbc.update("insert into secret_choice (id, ballot_id, choice) values (?, ?, ?)",
                UUID.randomUUID().toString(), ballotId, choice);
    }


    List<Vote> findVotes(String ballotId) {
        return jdbc.query("select * from vote where ballot_id = ? order by organisation_id",
                (rs, n) -> new Vote(rs.getString("organisation_id"), rs.getString("choice"), rs.getString("reason"),
                        rs.getString("cast_by"), rs.getTimestamp("cast_at").toInstant()), ballotId);
    }

    /** Counts choices: from the vote rows, or for a secret ballot from the unlinked choices. */
    int countChoice(Ballot ballot, String choice) {
        String table = ballot.secret() ? "secret_choice" : "vote";
        Integer count = jdbc.queryForObject("select count(*) from " + table + " where ballot_id = ? and choice = ?",
                Integer.class, ballot.id(), choice);
        return count == null ? 0 : count;
    }

    private static Ballot ballot(ResultSet rs, int row) throws SQLException {
        String outcome = rs.getString("outcome");
        return new Ballot(rs.getString("id"), rs.getString("subject_type"), rs.getString("subject_key"),
                rs.getString("title"), rs.getString("summary"), rs.getString("proposing_organisation_id"),
                Arrays.asList(rs.getString("options").split(",")), rs.getBoolean("secret"),
                BallotStatus.valueOf(rs.getString("status")), rs.getString("process_instance_id"),
                rs.getString("quorum_rule_id"), rs.getString("majority_rule_id"),
                Duration.parse(rs.getString("voting_period")), Duration.parse(rs.getString("extension_period")),
                instant(rs, "opened_at"), instant(rs, "closes_at"), instant(rs, "closed_at"),
                rs.getBoolean("extended"), outcome == null ? null : Outcome.valueOf(outcome),
                rs.getString("result_sentence"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** An organisation of the electorate snapshot. */
    record Elector(String organisationId, boolean recused, String recusalReason, String recusedBy) {
    }

    record Voter(Elector elector, boolean voted) {
    }

    /** A vote as recorded; the choice is null in a secret ballot. */
    record Vote(String organisationId, String choice, String reason, String castBy, Instant castAt) {
    }
}
