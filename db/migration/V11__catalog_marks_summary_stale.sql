-- Cached figures are keyed by the summary's refresh time. A change to the catalog (a version
-- added, a predecessor or price changed) must move that key too, so it marks the summary stale
-- like a run does; the next background refresh then invalidates every cached figure.
create trigger model_versions_mark_stale after insert or update or delete on model_versions
    for each statement execute function mark_analytics_stale();
create trigger model_prices_mark_stale after insert or update or delete on model_prices
    for each statement execute function mark_analytics_stale();
