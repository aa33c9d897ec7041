-- The admin console lists transactions by a create_time range, newest first. Without this index a
-- window in the past is found by reading every newer row; with it, by a range scan. The column never
-- changes after the insert, so the index costs one entry per transaction and nothing on status changes.
-- Status filters need no new index: `status_next_cron_time` serves the rare statuses, and the primary
-- key read backwards serves the common one (most rows are `succeed`).
ALTER TABLE `trans_global` ADD KEY `create_time` (`create_time`);
