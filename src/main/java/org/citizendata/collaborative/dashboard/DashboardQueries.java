package org.citizendata.collaborative.dashboard;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's reads, one query per figure (no query per row), over our tables and the
 * engine's runtime tables.
 */
@Repository
class DashboardQueries {

    private final JdbcTemplate jdbc;

    DashboardQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Proposal(String key, String title, String status, Instant createdAt, String processInstanceId) {
    }

    record OpenTask(String businessKey, String taskId, Instant due) {
    }

    List<Proposal> openProposals() {
        return jdbc.query("select proposal_key, title, status, created_at, process_instance_id from workstream_proposal"
                + " where status not in ('APPROVED', 'REJECTED', 'WITHDRAWN') order by created_at, proposal_key",
                (rs, n) -> new Proposal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        rs.getString(5)));
    }

    Map<String, Long> proposalsByStatus() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("select status, count(*) from workstream_proposal group by status",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /** The earliest open task of each kind per business key (the workstream, output or proposal key). */
    Map<String, OpenTask> firstOpenTaskByBusinessKey(String taskDefinitionKey) {
        Map<String, OpenTask> tasks = new HashMap<>();
        jdbc.query("select e.business_key_, t.id_, t.due_date_ from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_"
                + " where t.task_def_key_ = ? and e.business_key_ is not null order by t.due_date_, t.id_", rs -> {
                    tasks.putIfAbsent(rs.getString(1), new OpenTask(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3))));
                }, taskDefinitionKey);
        return tasks;
    }

    /** Any open task of each process instance, to link a row to. */
    Map<String, String> anyOpenTaskByProcessInstance() {
        Map<String, String> tasks = new HashMap<>();
        jdbc.query("select proc_inst_id_, min(id_) from act_ru_task where proc_inst_id_ is not null group by proc_inst_id_",
                rs -> {
                    tasks.put(rs.getString(1), rs.getString(2));
                });
        return tasks;
    }

    Map<String, Long> openTaskCountByBusinessKey(String taskDefinitionKey) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("select e.business_key_, count(*) from act_ru_task t join act_ru_execution e on e.id_ = t.proc_inst_id_"
                + " where t.task_def_key_ = ? group by e.business_key_", rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, taskDefinitionKey);
        return counts;
    }

    /** The running process instance of each output, by output key. */
    Map<String, String> outputInstances() {
        Map<String, String> instances = new HashMap<>();
        jdbc.query("select e.business_key_, e.id_ from act_ru_execution e join output o on o.output_key = e.business_key_"
                + " where e.id_ = e.proc_inst_id_", rs -> {
                    instances.put(rs.getString(1), rs.getString(2));
                });
        return instances;
    }

    List<Map<String, Object>> activeWorkstreams() {
        return jdbc.queryForList("select w.workstream_key, w.title, w.start_date, w.planned_end,"
                + " (select max(r.due_date) from workstream_report r where r.workstream_key = w.workstream_key) last_report"
                + " from workstream w where w.status = 'ACTIVE' order by w.workstream_key");
    }

    List<Map<String, Object>> openBallots() {
        return jdbc.queryForList("select b.id, b.title, b.status, b.closes_at, b.process_instance_id, b.secret,"
                + " (select count(*) from ballot_elector e where e.ballot_id = b.id and e.recused = false) eligible,"
                + " (select count(*) from vote v where v.ballot_id = b.id) votes"
                + " from ballot b where b.status in ('DECLARING', 'OPEN') order by b.closes_at, b.id");
    }

    /** Per open ballot, the organisations that can vote and have not. */
    Map<String, List<String>> notVoted() {
        Map<String, List<String>> missing = new HashMap<>();
        jdbc.query("select e.ballot_id, o.short_name from ballot_elector e join ballot b on b.id = e.ballot_id"
                + " join organisation o on o.id = e.organisation_id where b.status in ('DECLARING', 'OPEN')"
                + " and e.recused = false and not exists (select 1 from vote v where v.ballot_id = e.ballot_id"
                + " and v.organisation_id = e.organisation_id) order by o.short_name", rs -> {
                    missing.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(rs.getString(2));
                });
        return missing;
    }

    List<Map<String, Object>> openElectionBallots() {
        return jdbc.queryForList("select b.id, b.election_key, b.round, b.seats, b.closes_at, b.electorate,"
                + " (select count(*) from election_turnout t where t.ballot_id = b.id) votes,"
                + " e.process_instance_id from election_ballot b join election e on e.election_key = b.election_key"
                + " where b.closed_at is null order by b.closes_at");
    }

    List<String> steeringCommitteeWithoutVote(String electionBallotId) {
        return jdbc.queryForList("select o.short_name from organisation o where o.steering_committee = true and not exists"
                + " (select 1 from election_turnout t where t.ballot_id = ? and t.organisation_id = o.id) order by o.short_name",
                String.class, electionBallotId);
    }

    List<Map<String, Object>> reviewRounds() {
        return jdbc.queryForList("select o.output_key, o.title, o.review_round, o.review_deadline,"
                + " (select count(*) from output_review r where r.output_key = o.output_key and r.review_round = o.review_round"
                + " and r.recommendation <> 'NO_RESPONSE') responded"
                + " from output o where o.status = 'IN_REVIEW' order by o.review_deadline, o.output_key");
    }

    List<Map<String, Object>> sessionsAndOutputs(Instant now) {
        return jdbc.queryForList("select s.session_number, s.opens_on, s.document_deadline, o.output_key, o.title, o.track,"
                + " o.status from commission_session s left join output o on o.session_number = s.session_number"
                + " where s.closes_on >= ? order by s.opens_on, o.output_key", new java.sql.Date(now.toEpochMilli()));
    }

    Map<String, Object> currentDrive() {
        return jdbc.queryForList("select drive_key, status, window_closes_at from membership_drive"
                + " order by opened_at desc").stream().findFirst().orElse(null);
    }

    List<Map<String, Object>> driveApplications(String driveKey) {
        return jdbc.queryForList("select category, status, count(*) applications from membership_application"
                + " where drive_key = ? group by category, status order by category, status", driveKey);
    }

    long offCycleInScreening() {
        return jdbc.queryForObject("select count(*) from membership_application where drive_key is null"
                + " and status in ('SCREENING', 'INFORMATION_REQUESTED')", Long.class);
    }

    List<Map<String, Object>> coLeadTerms(Instant now) {
        return jdbc.queryForList("select t.organisation_id, o.name, t.starts_on, t.ends_on, t.extended from co_lead_term t"
                + " join organisation o on o.id = t.organisation_id where t.ends_on > ? order by t.starts_on, o.name",
                new java.sql.Date(now.toEpochMilli()));
    }

    List<Map<String, Object>> elections() {
        return jdbc.queryForList("select election_key, term_starts_on, seats, status, process_instance_id from election"
                + " where status <> 'INSTALLED' order by term_starts_on");
    }

    List<Map<String, Object>> overdueTasksByGroup(Instant now) {
        return jdbc.queryForList("select i.group_id_ group_id, g.name_ group_name, count(distinct t.id_) overdue,"
                + " min(t.due_date_) oldest from act_ru_task t join act_ru_identitylink i on i.task_id_ = t.id_"
                + " and i.type_ = 'candidate' left join act_id_group g on g.id_ = i.group_id_"
                + " where t.due_date_ < ? and i.group_id_ is not null group by i.group_id_, g.name_ order by overdue desc, group_id",
                Timestamp.from(now));
    }

    List<Map<String, Object>> failedJobs() {
        return jdbc.queryForList("select id_, process_instance_id_, process_def_key_, exception_msg_ from act_ru_job"
                + " where retries_ = 0 order by id_");
    }

    List<Map<String, Object>> failedMails() {
        return jdbc.queryForList("select id, recipient_address, subject, status, last_error, created_at from mail_outbox"
                + " where status = 'FAILED' order by created_at");
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
