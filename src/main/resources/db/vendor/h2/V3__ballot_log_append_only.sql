-- The ballot log is append-only. H2 triggers need Java classes; on the embedded database the
-- application's code is what keeps it so (it never updates or deletes ballot_event rows).
select 1;
