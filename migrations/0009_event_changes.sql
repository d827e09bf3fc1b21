-- Event changes reach people (drizzle-kit generated the tables; the triggers are written by hand). A registration of a
-- cancelled event keeps the state to return to; the cron records which programme sequence of each
-- event it announced, and which lists of changes it finished.
ALTER TABLE `registrations` ADD `status_before` text;
--> statement-breakpoint
CREATE TABLE `announcements` (
	`event_id` text NOT NULL,
	`sequence` integer NOT NULL,
	`kind` text NOT NULL,
	`claim` text NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`event_id`, `sequence`)
);
--> statement-breakpoint
CREATE TABLE `announced_lists` (
	`version` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
-- Places held for confirmed people of a cancelled event ('held' in registration_counts): the
-- capacity rule counts them, so the places are still theirs if the event is set on again. The
-- status triggers of 0005 count event_cancelled like any other state.
CREATE TRIGGER `registration_counts_held` AFTER UPDATE OF `status` ON `registrations`
	WHEN (OLD.`status` = 'event_cancelled' AND OLD.`status_before` IS 'confirmed')
		IS NOT (NEW.`status` = 'event_cancelled' AND NEW.`status_before` IS 'confirmed')
BEGIN
	INSERT INTO `registration_counts` (`event_id`, `status`, `n`)
		VALUES (NEW.`event_id`, 'held', CASE WHEN NEW.`status` = 'event_cancelled' THEN 1 ELSE -1 END)
		ON CONFLICT (`event_id`, `status`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `registration_counts_held_delete` AFTER DELETE ON `registrations`
	WHEN OLD.`status` = 'event_cancelled' AND OLD.`status_before` IS 'confirmed'
BEGIN
	UPDATE `registration_counts` SET `n` = `n` - 1 WHERE `event_id` = OLD.`event_id` AND `status` = 'held';
END;
