package org.citizendata.collaborative.review;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.citizendata.collaborative.platform.KeySequences;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Outputs, their reviews and the comments the leads answer. */
@Repository
class OutputRepository {

    private final JdbcTemplate jdbc;
    private final KeySequences sequences;

    OutputRepository(JdbcTemplate jdbc, KeySequences sequences) {
        this.jdbc = jdbc;
        this.sequences = sequences;
    }

    String nextKey() {
        return "out-" + sequences.next("output_number");
    }

    void insertOutput(String key, String workstreamKey, String title, String type, String url, String summary,
            String submittedBy, Instant deadline) {
        jdbc.update("insert into output (output_key, workstream_key, title, output_type, document_url, summary,"
                        + " submitted_by, status, review_deadline, created_at) values (?, ?, ?, ?, ?, ?, ?, 'IN_REVIEW', ?, ?)",
                key, workstreamKey, title, type, url, summary, submittedBy, Timestamp.from(deadline),
                Timestamp.from(Instant.now()));
    }

    void setStatus(String key, String status) {
        jdbc.update("update output set status = ? where output_key = ?", status, key);
    }

    /** Inserts the review; the unique key refuses a second one of the same organisation and round. */
    String insertReview(String key, int round, String organisationId, String reviewer, String recommendation,
            String general) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into output_review (id, output_key, review_round, organisation_id, reviewer, recommendation,"
                        + " general_comments, submitted_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                id, key, round, organisationId, reviewer, recommendation, general, Timestamp.from(Instant.now()));
        return id;
    }

    boolean hasReviewed(String key, int round, String organisationId) {
        Integer n = jdbc.queryForObject("select count(*) from output_review where output_key = ? and review_round = ?"
                + " and organisation_id = ?", Integer.class, key, round, organisationId);
        return n != null && n > 0;
    }

    void insertComment(String key, int round, String organisationId, String section, String text) {
        jdbc.update("insert into output_comment (id, output_key, review_round, organisation_id, section, comment_text)"
                + " values (?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(), key, round, organisationId, section, text);
    }

    /** Numbers the round's comments 1, 2, … in the order they came in; returns how many there are. */
    int numberComments(String key, int round) {
        List<String> ids = jdbc.queryForList("select c.id from output_comment c join output_review r"
                + " on r.output_key = c.output_key and r.review_round = c.review_round and r.organisation_id = c.organisation_id"
                + " where c.output_key = ? and c.review_round = ? order by r.submitted_at, c.organisation_id, c.section nulls first,"
                + " c.id", String.class, key, round);
        for (int i = 0; i < ids.size(); i++) {
            jdbc.update("update output_comment set number = ? where id = ?", i + 1, ids.get(i));
        }
        return ids.size();
    }

    List<String> reviewedOrganisations(String key, int round) {
        return jdbc.queryForList("select organisation_id from output_review where output_key = ? and review_round = ?",
                String.class, key, round);
    }

    List<Map<String, Object>> comments(String key) {
        return jdbc.queryForList("select * from output_comment where output_key = ? and number is not null"
                + " order by review_round, number", key);
    }

    int answer(String key, int round, int number, String disposition, String response, String by) {
        return jdbc.update("update output_comment set disposition = ?, response = ?, answered_by = ?, answered_at = ?"
                        + " where output_key = ? and review_round = ? and number = ?",
                disposition, response, by, Timestamp.from(Instant.now()), key, round, number);
    }

    List<Integer> unanswered(String key, int round) {
        return jdbc.queryForList("select number from output_comment where output_key = ? and review_round = ?"
                + " and number is not null and disposition is null order by number", Integer.class, key, round);
    }

    Optional<Map<String, Object>> find(String key) {
        return jdbc.queryForList("select * from output where output_key = ?", key).stream().findFirst();
    }
}
