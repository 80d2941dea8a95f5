package org.citizendata.collaborative.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.citizendata.collaborative.platform.SqlInLists;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads users and group members straight from the engine's identity tables. Mail goes out while
 * some member's action runs, under that member's authorizations, which rightly do not let them
 * read other people's addresses; the application itself must.
 */
@Component
public class DirectoryLookup {

    private final JdbcTemplate jdbc;

    public DirectoryLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Contact(String userId, String name, String email) {
    }

    public Optional<Contact> contact(String userId) {
        return jdbc.query("select id_, first_, last_, email_ from act_id_user where id_ = ?",
                (rs, n) -> new Contact(rs.getString(1), name(rs.getString(2), rs.getString(3), rs.getString(1)),
                        rs.getString(4)), userId).stream().findFirst();
    }

    public List<String> membersOf(String groupId) {
        return jdbc.queryForList("select user_id_ from act_id_membership where group_id_ = ? order by user_id_",
                String.class, groupId);
    }

    /** A group's name and members. */
    public record GroupMembers(String id, String name, List<String> members) {
    }

    /** The group's name and its members in one read; empty when there is no such group. */
    public Optional<GroupMembers> group(String groupId) {
        return groupId == null ? Optional.empty() : Optional.ofNullable(groups(List.of(groupId)).get(groupId));
    }

    /** {@link #group} for many groups in one read: group id to its name and members, without the groups that do not exist. */
    public Map<String, GroupMembers> groups(Collection<String> groupIds) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<String>> members = new HashMap<>();
        for (List<String> chunk : SqlInLists.chunks(groupIds)) {
            jdbc.query("select g.id_, g.name_, m.user_id_ from act_id_group g left join act_id_membership m"
                    + " on m.group_id_ = g.id_ where g.id_ in (" + SqlInLists.placeholders(chunk) + ")"
                    + " order by g.id_, m.user_id_", rs -> {
                        names.put(rs.getString(1), rs.getString(2));
                        List<String> of = members.computeIfAbsent(rs.getString(1), id -> new ArrayList<>());
                        if (rs.getString(3) != null) {
                            of.add(rs.getString(3));
                        }
                    }, chunk.toArray());
        }
        Map<String, GroupMembers> groups = new LinkedHashMap<>();
        names.forEach((id, name) -> groups.put(id, new GroupMembers(id, name, List.copyOf(members.get(id)))));
        return groups;
    }

    public List<String> groupsOf(String userId) {
        return jdbc.queryForList("select group_id_ from act_id_membership where user_id_ = ? order by group_id_",
                String.class, userId);
    }

    /** "First Last", or the fallback (the user id) when the directory has no name. */
    public static String name(String first, String last, String fallback) {
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return name.isEmpty() ? fallback : name;
    }
}
