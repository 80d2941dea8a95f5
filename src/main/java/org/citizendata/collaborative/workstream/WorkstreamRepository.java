package org.citizendata.collaborative.workstream;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.citizendata.collaborative.platform.KeySequences;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Proposals, workstreams, their resource persons and reports in the application's own tables. */
@Repository
class WorkstreamRepository {

    private final JdbcTemplate jdbc;
    private final KeySequences sequences;

    WorkstreamRepository(JdbcTemplate jdbc, KeySequences sequences) {
        this.jdbc = jdbc;
        this.sequences = sequences;
    }

    /** A new key: {@code ws-1}, {@code ws-2}, …; the workstream's group is {@code workstream-ws-1}. */
    String nextKey() {
        return "ws-" + sequences.next("workstream_number");
    }

    record Proposal(String key, String revisionOf, String title, String proposerUserId, String proposerOrganisationId,
            String status, int returns, int durationMonths, List<String> leads, String outcome, String tally) {
    }

    void insertProposal(String key, String revisionOf, ProposalForm form, String proposerUserId, String organisationId,
            String processInstanceId) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("insert into workstream_proposal (proposal_key, revision_of, title, objectives, scope,"
                        + " terms_of_reference, duration_months, deliverables, leads, co_proposers, proposer_user_id,"
                        + " proposer_organisation_id, status, process_instance_id, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'CHECKING', ?, ?, ?)",
                key, revisionOf, form.title(), form.objectives(), form.scope(), form.termsOfReference(),
                form.durationMonths(), form.deliverables(), String.join(",", form.leads()),
                String.join(",", form.coProposers()), proposerUserId, organisationId, processInstanceId, now, now);
        replaceResourcePersons(key, form);
    }

    void updateProposal(String key, ProposalForm form) {
        jdbc.update("update workstream_proposal set title = ?, objectives = ?, scope = ?, terms_of_reference = ?,"
                        + " duration_months = ?, deliverables = ?, leads = ?, co_proposers = ?, updated_at = ?"
                        + " where proposal_key = ?",
                form.title(), form.objectives(), form.scope(), form.termsOfReference(), form.durationMonths(),
                form.deliverables(), String.join(",", form.leads()), String.join(",", form.coProposers()),
                Timestamp.from(Instant.now()), key);
        replaceResourcePersons(key, form);
    }

    private void replaceResourcePersons(String key, ProposalForm form) {
        jdbc.update("delete from workstream_resource_person where proposal_key = ?", key);
        for (ProposalForm.ResourcePerson p : form.resourcePersons()) {
            jdbc.update("insert into workstream_resource_person (id, proposal_key, name, email, expertise)"
                    + " values (?, ?, ?, ?, ?)", UUID.randomUUID().toString(), key, p.name(), p.email(), p.expertise());
        }
    }

    void setStatus(String key, String status, String comments) {
        jdbc.update("update workstream_proposal set status = ?, last_comments = coalesce(?, last_comments),"
                + " updated_at = ? where proposal_key = ?", status, comments, Timestamp.from(Instant.now()), key);
    }

    int countReturn(String key) {
        jdbc.update("update workstream_proposal set returns = returns + 1 where proposal_key = ?", key);
        return findProposal(key).orElseThrow().returns();
    }

    void recordOutcome(String key, String status, String outcome, String tally) {
        jdbc.update("update workstream_proposal set status = ?, outcome = ?, tally = ?, updated_at = ?"
                + " where proposal_key = ?", status, outcome, tally, Timestamp.from(Instant.now()), key);
    }

    Optional<Proposal> findProposal(String key) {
        return jdbc.query("select * from workstream_proposal where proposal_key = ?", (rs, n) -> new Proposal(
                rs.getString("proposal_key"), rs.getString("revision_of"), rs.getString("title"),
                rs.getString("proposer_user_id"), rs.getString("proposer_organisation_id"), rs.getString("status"),
                rs.getInt("returns"), rs.getInt("duration_months"), List.of(rs.getString("leads").split(",")),
                rs.getString("outcome"), rs.getString("tally")), key).stream().findFirst();
    }

    /** Active workstreams and open proposals, for the co-leads' consistency review. */
    List<Map<String, Object>> landscape(String except) {
        return jdbc.queryForList("select 'workstream' as kind, w.workstream_key as item_key, w.title, p.scope,"
                + " w.planned_end as until_date from workstream w join workstream_proposal p"
                + " on p.proposal_key = w.workstream_key where w.status = 'ACTIVE'"
                + " union all select 'proposal', proposal_key, title, scope, null from workstream_proposal"
                + " where status in ('CHECKING', 'RETURNED', 'CONSISTENCY', 'CHANGES', 'VOTING') and proposal_key <> ?"
                + " order by 1 desc, 2", except);
    }

    List<ProposalForm.ResourcePerson> resourcePersons(String key) {
        return jdbc.query("select name, email, expertise from workstream_resource_person where proposal_key = ? order by name",
                (rs, n) -> new ProposalForm.ResourcePerson(rs.getString(1), rs.getString(2), rs.getString(3)), key);
    }

    void setAnswers(String key, List<String> acceptedEmails) {
        jdbc.update("update workstream_resource_person set answer = 'DECLINED' where proposal_key = ?", key);
        for (String email : acceptedEmails) {
            jdbc.update("update workstream_resource_person set answer = 'ACCEPTED' where proposal_key = ?"
                    + " and lower(email) = lower(?)", key, email);
        }
    }

    void markInvited(String key) {
        jdbc.update("update workstream_resource_person set answer = 'INVITED' where proposal_key = ?", key);
    }

    void insertWorkstream(String key, String title, LocalDate start, LocalDate plannedEnd, int reportingMonths) {
        jdbc.update("insert into workstream (workstream_key, title, status, start_date, planned_end, reporting_months)"
                + " values (?, ?, 'ACTIVE', ?, ?, ?)", key, title, Date.valueOf(start), Date.valueOf(plannedEnd), reportingMonths);
    }

    void extend(String key, LocalDate plannedEnd) {
        jdbc.update("update workstream set planned_end = ? where workstream_key = ?", Date.valueOf(plannedEnd), key);
    }

    void close(String key, String finalReport) {
        jdbc.update("update workstream set status = 'CLOSED', closed_at = ?, final_report = ? where workstream_key = ?",
                Timestamp.from(Instant.now()), finalReport, key);
    }

    String insertReport(String key, LocalDate due, String progress, String by) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into workstream_report (id, workstream_key, due_date, progress, submitted_by, submitted_at)"
                + " values (?, ?, ?, ?, ?, ?)", id, key, Date.valueOf(due), progress, by, Timestamp.from(Instant.now()));
        return id;
    }

    void reviewReport(String id, String review, String note) {
        jdbc.update("update workstream_report set review = ?, review_note = ? where id = ?", review, note, id);
    }
}
