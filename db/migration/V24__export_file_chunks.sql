-- Issue 7: the daily export streams (docs/exports.md "Streaming and chunks"). A snapshot holds the
-- whole public history, 10 million runs and more: no heap holds that, and one bytea value stops
-- at 1 GB. New files are gzipped as they are written and stored here in chunks
-- (app.exports.chunk-size of gzipped bytes each, seq from 0; their concatenation is the file's
-- gzip); their export_files row then has no content_gzip. Files stored before keep theirs
-- (content_gzip set, no chunks): both are served.
create table export_file_chunks (
    snapshot_date   date     not null,
    name            varchar(40) not null,
    seq             int      not null check (seq >= 0),
    content_gzip    bytea    not null,
    primary key (snapshot_date, name, seq),
    -- the chunks are written while the runs stream, the file's row (its size and hash known only
    -- at the end) after them, in the same transaction: checked at commit
    foreign key (snapshot_date, name) references export_files (snapshot_date, name)
        deferrable initially deferred
);
alter table export_files alter column content_gzip drop not null;
create trigger export_file_chunks_immutable before update or delete on export_file_chunks
    for each row execute function refuse_export_change();
