package org.citizendata.collaborative.directory;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class OrganisationRepository {

    private static final String COLUMNS = "id, short_name, name, category, country, website, steering_committee";

    private static final RowMapper<Organisation> ROW = (rs, n) -> new Organisation(
            rs.getString("id"),
            rs.getString("short_name"),
            rs.getString("name"),
            StakeholderCategory.valueOf(rs.getString("category")),
            rs.getString("country"),
            rs.getString("website"),
            rs.getBoolean("steering_committee"));

    private final JdbcTemplate jdbc;

    public OrganisationRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Organisation> findById(String id) {
        return jdbc.query("select " + COLUMNS + " from organisation where id = ?", ROW, id).stream().findFirst();
    }

    public List<Organisation> findAll() {
        return jdbc.query("select " + COLUMNS + " from organisation order by name", ROW);
    }

    public List<Organisation> findSteeringCommittee() {
        return jdbc.query("select " + COLUMNS + " from organisation where steering_committee = true order by name", ROW);
    }

    public Optional<Organisation> findByRepresentative(String userId) {
        return jdbc.query("select " + COLUMNS + " from organisation"
                + " where id = (select organisation_id from representative where user_id = ?)", ROW, userId)
                .stream().findFirst();
    }

    public void insert(Organisation o) {
        jdbc.update("insert into organisation (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)",
                o.id(), o.shortName(), o.name(), o.category().name(), o.country(), o.website(), o.steeringCommittee());
    }

    /** Updates what a representative may correct; the seat and the short name stay with the Secretariat. */
    public void updateDetails(String id, String name, StakeholderCategory category, String country, String website) {
        int updated = jdbc.update("update organisation set name = ?, category = ?, country = ?, website = ?,"
                + " updated_at = current_timestamp where id = ?", name, category.name(), country, website, id);
        if (updated != 1) {
            throw new IllegalArgumentException("No organisation with id " + id);
        }
    }

    public void insertRepresentative(String userId, String organisationId) {
        jdbc.update("insert into representative (user_id, organisation_id) values (?, ?)", userId, organisationId);
    }

    public List<String> findRepresentatives(String organisationId) {
        return jdbc.queryForList("select user_id from representative where organisation_id = ? order by user_id",
                String.class, organisationId);
    }
}
