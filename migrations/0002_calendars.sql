CREATE TABLE `personal_calendars` (
	`email_key` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `personal_calendars_token` ON `personal_calendars` (`token_hash`);--> statement-breakpoint
CREATE TABLE `session_stars` (
	`registration_id` integer NOT NULL,
	`session_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`registration_id`, `session_id`)
);
--> statement-breakpoint
CREATE INDEX `registrations_email` ON `registrations` (`email_key`);