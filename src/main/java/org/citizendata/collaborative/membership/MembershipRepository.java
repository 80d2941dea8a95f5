package org.citizendata.collaborative.membership;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.citizendata.collaborative.platform.KeySequences;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Drives, their information sessions, applications and the exchanges with applicants. */
@Repository
class MembershipRepository {

    record Drive(String key, String status, String openedBy, Instant openedAt, Instant windowClosesAt, Instant closedAt,
            String summary, String processInstanceId) {
    }

    record Session(Instant startsAt, String link) {
    }

    record Application(String reference, String driveKey, String organisationName, String category, String country,
            String website, String webDomain, String contactName, String contactEmail, String engagement,
            String motivation, String contribution, String communities, String status, String eligibility,
            String eligibilityReason, String duplicateNote, String decisionNote, String organisationId, String userId,
            String processInstanceId, Instant submittedAt, Instant decidedAt) {
    }

    record Exchange(String question, Instant askedAt, String answer, Instant answeredAt) {
    }

    private static final RowMapper<Drive> DRIVE = (rs, n) -> new Drive(rs.getString("drive_key"),
            rs.getString("status"), rs.getString("opened_by"), instant(rs.getTimestamp("opened_at")),
            instant(rs.getTimestamp("window_closes_at")), instant(rs.getTimestamp("closed_at")),
            rs.getString("summary"), rs.getString("process_instance_id"));

    private static final RowMapper<Application> APPLICATION = (rs, n) -> new Application(rs.getString("reference"),
            rs.getString("drive_key"), rs.getString("organisation_name"), rs.getString("category"),
            rs.getString("country"), rs.getString("website"), rs.getString("web_domain"), rs.getString("contact_name"),
            rs.getString("contact_email"), rs.getString("engagement"), rs.getString("motivation"),
            rs.getString("contribution"), rs.getString("communities"), rs.getString("status"),
            rs.getString("eligibility"), rs.getString("eligibility_reason"), rs.getString("duplicate_note"),
            rs.getString("decision_note"), rs.getString("organisation_id"), rs.getString("user_id"),
            rs.getString("process_instance_id"), instant(rs.getTimestamp("submitted_at")), instant(rs.getTimestamp("decided_at")));

    private final JdbcTemplate jdbc;
    private final KeySequences sequences;
    private final TransactionTemplate savepoint;

    MembershipRepository(JdbcTemplate jdbc, KeySequences sequences, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.sequences = sequences;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    // Drives

    Optional<Drive> openDrive() {
        return jdbc.query("select * from membership_drive where status = 'OPEN'", DRIVE).stream().findFirst();
    }

    boolean anyDrive() {
        return jdbc.queryForObject("select count(*) from membership_drive", Integer.class) > 0;
    }

    Optional<Drive> findDrive(String key) {
        return jdbc.query("select * from membership_drive where drive_key = ?", DRIVE, key).stream().findFirst();
    }

    /** Opens a drive keyed by year and number ({@code 2027-1}); empty when another drive is open. */
    Optional<String> insertDrive(String openedBy, Instant openedAt, Instant windowClosesAt, String processInstanceId) {
        if (openDrive().isPresent()) {
            return Optional.empty();
        }
        int year = openedAt.atZone(ZoneOffset.UTC).getYear();
        Integer earlier = jdbc.queryForObject("select count(*) from membership_drive where drive_key like ?",
                Integer.class, year + "-%");
        String key = year + "-" + (earlier + 1);
        try {
            // In a savepoint: on PostgreSQL a failed insert would otherwise spoil the whole transaction.
            savepoint.executeWithoutResult(status -> jdbc.update("insert into membership_drive (drive_key, status,"
                    + " open_slot, opened_by, opened_at, window_closes_at, process_instance_id) values (?, 'OPEN', 1, ?, ?, ?, ?)",
                    key, openedBy, Timestamp.from(openedAt), Timestamp.from(windowClosesAt), processInstanceId));
        } catch (DuplicateKeyException e) {
            return Optional.empty(); // another drive opened at the same moment
        }
        return Optional.of(key);
    }

    void recordAnnouncement(String driveKey, List<Session> sessions, String announcement) {
        for (Session session : sessions) {
            jdbc.update("insert into information_session (id, drive_key, starts_at, link) values (?, ?, ?, ?)",
                    UUID.randomUUID().toString(), driveKey, Timestamp.from(session.startsAt()), session.link());
        }
        jdbc.update("update membership_drive set announcement = ? where drive_key = ?", announcement, driveKey);
    }

    List<Session> sessions(String driveKey) {
        return jdbc.query("select starts_at, link from information_session where drive_key = ? order by starts_at",
                (rs, n) -> new Session(instant(rs.getTimestamp("starts_at")), rs.getString("link")), driveKey);
    }

    void closeDrive(String driveKey, Instant closedAt, String summary) {
        jdbc.update("update membership_drive set status = 'CLOSED', open_slot = null, closed_at = ?, summary = ?"
                + " where drive_key = ? and status = 'OPEN'", Timestamp.from(closedAt), summary, driveKey);
    }

    // Applications

    String nextReference(Instant now) {
        return "APP-" + Year.from(now.atZone(ZoneOffset.UTC)) + "-" + String.format("%04d", sequences.next("application_number"));
    }

    void insertApplication(String reference, String driveKey, ApplicationForm form, Instant submittedAt) {
        jdbc.update("insert into membership_application (reference, drive_key, organisation_name, category, country,"
                + " website, web_domain, contact_name, contact_email, engagement, motivation, contribution, communities,"
                + " status, submitted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SCREENING', ?)",
                reference, driveKey, form.organisationName(), form.category(), form.country(), form.normalisedWebsite(),
                form.webDomain(), form.contactName(), form.contactEmail(), form.engagement(), form.motivation(),
                form.contribution(), form.communities(), Timestamp.from(submittedAt));
    }

    void setProcessInstance(String reference, String processInstanceId) {
        jdbc.update("update membership_application set process_instance_id = ? where reference = ?", processInstanceId,
                reference);
    }

    Optional<Application> findApplication(String reference) {
        return jdbc.query("select * from membership_application where reference = ?", APPLICATION, reference)
                .stream().findFirst();
    }

    List<Application> applicationsOf(String driveKey) {
        return jdbc.query("select * from membership_application where drive_key = ? order by reference", APPLICATION,
                driveKey);
    }

    /** Other applications, open or admitted, with the same web domain or a name that reads the same. */
    List<Application> similarApplications(String reference, String webDomain, String comparableName) {
        return jdbc.query("select * from membership_application where reference <> ? and status <> 'DECLINED'"
                + " order by reference", APPLICATION, reference).stream()
                .filter(a -> a.webDomain().equals(webDomain) || comparable(a.organisationName()).equals(comparableName))
                .toList();
    }

    void recordEligibility(String reference, String eligibility, String reason) {
        jdbc.update("update membership_application set eligibility = ?, eligibility_reason = ? where reference = ?",
                eligibility, reason, reference);
    }

    void recordDuplicates(String reference, String note) {
        jdbc.update("update membership_application set duplicate_note = ? where reference = ?", note, reference);
    }

    void setStatus(String reference, String status) {
        jdbc.update("update membership_application set status = ? where reference = ?", status, reference);
    }

    void recordDecision(String reference, String status, String note, String decidedBy, Instant decidedAt) {
        jdbc.update("update membership_application set status = ?, decision_note = ?, decided_by = ?, decided_at = ?"
                + " where reference = ?", status, note, decidedBy, Timestamp.from(decidedAt), reference);
    }

    void recordAdmission(String reference, String organisationId, String userId) {
        jdbc.update("update membership_application set organisation_id = ?, user_id = ? where reference = ?",
                organisationId, userId, reference);
    }

    // Exchanges with the applicant

    void ask(String reference, String question, String askedBy, Instant askedAt) {
        jdbc.update("insert into application_exchange (id, reference, question, asked_by, asked_at) values (?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(), reference, question, askedBy, Timestamp.from(askedAt));
    }

    Optional<Exchange> openQuestion(String reference) {
        return exchanges(reference).stream().filter(e -> e.answeredAt() == null).reduce((first, second) -> second);
    }

    /** The question's link expired unanswered: it is closed, without an answer. */
    void closeUnanswered(String reference, Instant at) {
        jdbc.update("update application_exchange set answered_at = ? where reference = ? and answered_at is null",
                Timestamp.from(at), reference);
    }

    /** Records the answer to the open question (there is one at most); false when there is none. */
    boolean answer(String reference, String answer, Instant answeredAt) {
        return jdbc.update("update application_exchange set answer = ?, answered_at = ? where reference = ?"
                + " and answered_at is null", answer, Timestamp.from(answeredAt), reference) > 0;
    }

    List<Exchange> exchanges(String reference) {
        return jdbc.query("select question, asked_at, answer, answered_at from application_exchange where reference = ?"
                + " order by asked_at", (rs, n) -> new Exchange(rs.getString("question"), instant(rs.getTimestamp("asked_at")),
                rs.getString("answer"), instant(rs.getTimestamp("answered_at"))), reference);
    }

    /** A name as duplicates are compared: letters and digits only, lower case. */
    static String comparable(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
