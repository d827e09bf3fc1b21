ALTER TABLE `personal_feeds` ADD `reminders` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `personal_feeds` ADD `settings_at` text;