CREATE TABLE `check_ins` (
	`nonce` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`registration_id` integer NOT NULL,
	`action` text NOT NULL,
	`at` text NOT NULL,
	`received_at` text NOT NULL,
	`actor` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `check_ins_registration` ON `check_ins` (`registration_id`,`at`);--> statement-breakpoint
CREATE TABLE `mailings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`audience` text NOT NULL,
	`announcement` integer NOT NULL,
	`recipients` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mailings_event` ON `mailings` (`event_id`,`id`);--> statement-breakpoint
CREATE TABLE `organiser_invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`email_key` text NOT NULL,
	`role` text NOT NULL,
	`event_ids` text,
	`token_hash` text NOT NULL,
	`invited_by` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`accepted_at` text,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organiser_invitations_token` ON `organiser_invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `organiser_invitations_email` ON `organiser_invitations` (`email_key`);--> statement-breakpoint
CREATE TABLE `unsubscribes` (
	`email_key` text NOT NULL,
	`event_id` text NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`email_key`, `event_id`)
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `mailing_id` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `unsubscribe_hash` text;--> statement-breakpoint
CREATE INDEX `outbox_mailing` ON `outbox` (`mailing_id`,`id`);--> statement-breakpoint
ALTER TABLE `registrations` ADD `checked_in_by` text;