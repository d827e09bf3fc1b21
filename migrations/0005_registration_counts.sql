CREATE TABLE `registration_counts` (
	`event_id` text NOT NULL,
	`status` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`event_id`, `status`)
);
--> statement-breakpoint
-- Kept by the database itself, whichever code changes a registration (schema.ts explains why).
CREATE TRIGGER `registration_counts_insert` AFTER INSERT ON `registrations`
BEGIN
	INSERT INTO `registration_counts` (`event_id`, `status`, `n`) VALUES (NEW.`event_id`, NEW.`status`, 1)
		ON CONFLICT (`event_id`, `status`) DO UPDATE SET `n` = `n` + 1;
	INSERT INTO `registration_counts` (`event_id`, `status`, `n`)
		SELECT NEW.`event_id`, 'checked_in', 1 WHERE NEW.`checked_in_at` IS NOT NULL
		ON CONFLICT (`event_id`, `status`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `registration_counts_status` AFTER UPDATE OF `status` ON `registrations`
	WHEN OLD.`status` IS NOT NEW.`status`
BEGIN
	UPDATE `registration_counts` SET `n` = `n` - 1 WHERE `event_id` = OLD.`event_id` AND `status` = OLD.`status`;
	INSERT INTO `registration_counts` (`event_id`, `status`, `n`) VALUES (NEW.`event_id`, NEW.`status`, 1)
		ON CONFLICT (`event_id`, `status`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `registration_counts_checked_in` AFTER UPDATE OF `checked_in_at` ON `registrations`
	WHEN (OLD.`checked_in_at` IS NULL) IS NOT (NEW.`checked_in_at` IS NULL)
BEGIN
	INSERT INTO `registration_counts` (`event_id`, `status`, `n`)
		VALUES (NEW.`event_id`, 'checked_in', CASE WHEN NEW.`checked_in_at` IS NULL THEN -1 ELSE 1 END)
		ON CONFLICT (`event_id`, `status`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `registration_counts_delete` AFTER DELETE ON `registrations`
BEGIN
	UPDATE `registration_counts` SET `n` = `n` - 1 WHERE `event_id` = OLD.`event_id` AND `status` = OLD.`status`;
	UPDATE `registration_counts` SET `n` = `n` - 1
		WHERE `event_id` = OLD.`event_id` AND `status` = 'checked_in' AND OLD.`checked_in_at` IS NOT NULL;
END;
--> statement-breakpoint
INSERT INTO `registration_counts` (`event_id`, `status`, `n`)
	SELECT `event_id`, `status`, count(*) FROM `registrations` GROUP BY `event_id`, `status`;
--> statement-breakpoint
INSERT INTO `registration_counts` (`event_id`, `status`, `n`)
	SELECT `event_id`, 'checked_in', count(*) FROM `registrations` WHERE `checked_in_at` IS NOT NULL GROUP BY `event_id`;
