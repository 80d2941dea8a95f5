package org.citizendata.collaborative.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the engine benchmark names a statement that pg_stat_statements reports. */
class StatementKindTest {

    @Test
    void writesAreNamedByVerbAndTable() {
        assertThat(EngineBenchmark.statementKind("insert into ACT_RU_VARIABLE ( ID_, TYPE_ ) values ( $1, $2 )"))
                .isEqualTo("insert act_ru_variable");
        assertThat(EngineBenchmark.statementKind("update mail_outbox set status = $1 where id = $2"))
                .isEqualTo("update mail_outbox");
        assertThat(EngineBenchmark.statementKind("delete from ACT_RU_EXECUTION where ID_ = $1 and REV_ = $2"))
                .isEqualTo("delete act_ru_execution");
    }

    @Test
    void aSelectIsNamedByItsOuterTableNotBySubqueriesInItsColumns() {
        assertThat(EngineBenchmark.statementKind("select e.*, exists (select 1 from vote v where v.ballot_id = e.ballot_id)"
                + " as voted from ballot_elector e where e.ballot_id = $1")).isEqualTo("select ballot_elector");
        assertThat(EngineBenchmark.statementKind("SELECT RES.* from ACT_RU_TASK RES where RES.ID_ = $1"))
                .isEqualTo("select act_ru_task");
        assertThat(EngineBenchmark.statementKind("select count(*) from (select distinct RES.ID_ from ACT_RU_TASK RES) x"))
                .isEqualTo("select act_ru_task");
    }

    @Test
    void transactionsAreOneKindAndTheBenchmarksOwnWaitsAreLeftOut() {
        assertThat(EngineBenchmark.statementKind("BEGIN")).isEqualTo("transaction");
        assertThat(EngineBenchmark.statementKind("COMMIT")).isEqualTo("transaction");
        assertThat(EngineBenchmark.statementKind("select count(*) from mail_outbox where status in ($1, $2)")).isNull();
        assertThat(EngineBenchmark.statementKind("SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ from ACT_RU_EXECUTION RES"
                + " inner join ACT_RE_PROCDEF P on RES.PROC_DEF_ID_ = P.ID_ WHERE RES.PARENT_ID_ is null) countAlias"))
                .isNull();
        assertThat(EngineBenchmark.statementKind("select pg_stat_statements_reset()")).isNull();
    }
}
