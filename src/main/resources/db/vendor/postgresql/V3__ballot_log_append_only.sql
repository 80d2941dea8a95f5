-- The ballot log is append-only: PostgreSQL refuses any update or delete of its rows.
create function ballot_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'ballot_event is append-only: % refused', tg_op;
end;
$$;

create trigger ballot_event_append_only
    before update or delete on ballot_event
    for each row execute function ballot_event_append_only();
