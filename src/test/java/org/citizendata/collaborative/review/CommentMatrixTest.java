package org.citizendata.collaborative.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comments as the lead's form shows them fit the engine's 4000 characters of a text variable. */
class CommentMatrixTest {

    @Test
    void commentsThatFitAreShownInFull() {
        String matrix = OutputDelegates.commentMatrix(List.of(comment(1, "Clarify the sampling.", null),
                comment(2, "Add a glossary.", "accepted")));

        assertThat(matrix).isEqualTo("**1** (gss, general): Clarify the sampling. — *not answered yet*\n\n"
                + "**2** (gss, general): Add a glossary. — ACCEPTED: Done.\n\n");
    }

    @Test
    void longCommentsAreShortenedAndWhatDoesNotFitIsCounted() {
        List<Map<String, Object>> comments = new ArrayList<>();
        for (int n = 1; n <= 40; n++) {
            comments.add(comment(n, "😀".repeat(1000), null)); // 1000 characters, 2000 UTF-16 units each
        }

        String matrix = OutputDelegates.commentMatrix(comments);

        assertThat(matrix.codePointCount(0, matrix.length())).isLessThanOrEqualTo(4000);
        assertThat(matrix).startsWith("**1** (gss, general): " + "😀".repeat(300) + "… — *not answered yet*")
                .endsWith(" more comments of this round: the output's comments CSV has every comment in full.*");
    }

    private static Map<String, Object> comment(int number, String text, String disposition) {
        Map<String, Object> comment = new HashMap<>();
        comment.put("number", number);
        comment.put("organisation_id", "gss");
        comment.put("section", null);
        comment.put("comment_text", text);
        comment.put("disposition", disposition == null ? null : disposition.toUpperCase());
        comment.put("response", disposition == null ? null : "Done.");
        return comment;
    }
}
