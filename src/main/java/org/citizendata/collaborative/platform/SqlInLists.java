package org.citizendata.collaborative.platform;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Values for {@code in (...)} lists, in chunks well below what PostgreSQL (32,767 parameters a
 * statement) and H2 take: one statement for a few values, a few for thousands.
 */
public final class SqlInLists {

    static final int CHUNK = 1000;

    private SqlInLists() {
    }

    /** The distinct values, nulls left out, in chunks of at most {@value #CHUNK}. */
    public static List<List<String>> chunks(Collection<String> values) {
        List<String> distinct = values.stream().filter(Objects::nonNull).distinct().toList();
        return IntStream.iterate(0, from -> from < distinct.size(), from -> from + CHUNK)
                .mapToObj(from -> distinct.subList(from, Math.min(distinct.size(), from + CHUNK))).toList();
    }

    /** "?, ?, ?" for a chunk. */
    public static String placeholders(List<String> chunk) {
        return String.join(", ", Collections.nCopies(chunk.size(), "?"));
    }
}
