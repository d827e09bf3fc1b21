CREATE TABLE `browser_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`person_id` integer,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `browser_sessions_token` ON `browser_sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `browser_sessions_person` ON `browser_sessions` (`person_id`);--> statement-breakpoint
CREATE TABLE `organisers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`role` text NOT NULL,
	`event_ids` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisers_person` ON `organisers` (`person_id`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email_key` text NOT NULL,
	`email` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_email` ON `people` (`email_key`);--> statement-breakpoint
CREATE TABLE `personal_feeds` (
	`person_id` integer PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `personal_feeds_token` ON `personal_feeds` (`token_hash`);--> statement-breakpoint
CREATE TABLE `session_grants` (
	`session_id` integer NOT NULL,
	`registration_id` integer NOT NULL,
	`proven` integer NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`session_id`, `registration_id`)
);
--> statement-breakpoint
CREATE INDEX `session_grants_registration` ON `session_grants` (`registration_id`);--> statement-breakpoint
CREATE TABLE `sign_in_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email_key` text NOT NULL,
	`email` text NOT NULL,
	`mailbox` text NOT NULL,
	`created_at` text NOT NULL,
	`token_hash` text,
	`code_hash` text,
	`expires_at` text,
	`used_at` text,
	`tries` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sign_in_requests_token` ON `sign_in_requests` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sign_in_requests_email` ON `sign_in_requests` (`email_key`,`created_at`);--> statement-breakpoint
CREATE TABLE `sign_ins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`at` text NOT NULL,
	`agent` text NOT NULL,
	`method` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_ins_person` ON `sign_ins` (`person_id`,`at`);--> statement-breakpoint
DROP TABLE `personal_calendars`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_idempotency_keys` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer,
	`body` text,
	`created_at` text NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
INSERT INTO `__new_idempotency_keys`("scope", "key", "request_hash", "status", "body", "created_at") SELECT "scope", "key", "request_hash", "status", "body", "created_at" FROM `idempotency_keys`;--> statement-breakpoint
DROP TABLE `idempotency_keys`;--> statement-breakpoint
ALTER TABLE `__new_idempotency_keys` RENAME TO `idempotency_keys`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE TABLE `__new_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`registration_id` integer,
	`event_id` text,
	`sign_in_id` integer,
	`kind` text NOT NULL,
	`to_address` text NOT NULL,
	`to_key` text DEFAULT '' NOT NULL,
	`to_mailbox` text DEFAULT '' NOT NULL,
	`to_name` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`params` text,
	`attach_calendar` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`created_at` text NOT NULL,
	`sent_at` text
);
--> statement-breakpoint
-- Rows from before this migration: their recipient key is derived here, the newer columns start empty.
INSERT INTO `__new_outbox`("id", "registration_id", "event_id", "kind", "to_address", "to_name", "subject", "body", "attach_calendar", "status", "attempts", "next_attempt_at", "last_error", "created_at", "sent_at", "to_key") SELECT "id", "registration_id", "event_id", "kind", "to_address", "to_name", "subject", "body", "attach_calendar", "status", "attempts", "next_attempt_at", "last_error", "created_at", "sent_at", lower("to_address") FROM `outbox`;--> statement-breakpoint
DROP TABLE `outbox`;--> statement-breakpoint
ALTER TABLE `__new_outbox` RENAME TO `outbox`;--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_registration` ON `outbox` (`registration_id`);--> statement-breakpoint
CREATE INDEX `outbox_to` ON `outbox` (`to_key`);--> statement-breakpoint
CREATE INDEX `outbox_mailbox` ON `outbox` (`to_mailbox`,`event_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `manage_links` ADD `kind` text DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE `manage_links` ADD `message_id` integer;--> statement-breakpoint
ALTER TABLE `manage_links` ADD `expires_at` text;--> statement-breakpoint
ALTER TABLE `registrations` ADD `person_id` integer;--> statement-breakpoint
CREATE INDEX `registrations_person` ON `registrations` (`person_id`);