CREATE TABLE `introductions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`from_registration` integer NOT NULL,
	`to_registration` integer NOT NULL,
	`from_person` text NOT NULL,
	`to_person` text NOT NULL,
	`note` text,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`decided_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `introductions_pair` ON `introductions` (`from_person`,`to_person`);--> statement-breakpoint
CREATE INDEX `introductions_to` ON `introductions` (`to_registration`);--> statement-breakpoint
CREATE INDEX `introductions_from` ON `introductions` (`from_registration`,`created_at`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`slot_index` integer NOT NULL,
	`table_number` integer NOT NULL,
	`registration_a` integer NOT NULL,
	`registration_b` integer NOT NULL,
	`score` real NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `meetings_event_slot` ON `meetings` (`event_id`,`slot_index`);--> statement-breakpoint
CREATE INDEX `meetings_a` ON `meetings` (`registration_a`);--> statement-breakpoint
CREATE INDEX `meetings_b` ON `meetings` (`registration_b`);--> statement-breakpoint
CREATE TABLE `profiles` (
	`registration_id` integer PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`email_key` text NOT NULL,
	`display_name` text NOT NULL,
	`bio` text,
	`city` text,
	`offers` text NOT NULL,
	`seeks` text NOT NULL,
	`interests` text NOT NULL,
	`languages` text NOT NULL,
	`visibility` text NOT NULL,
	`available` integer NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `profiles_event` ON `profiles` (`event_id`);--> statement-breakpoint
CREATE INDEX `profiles_visibility` ON `profiles` (`visibility`);--> statement-breakpoint
CREATE INDEX `profiles_email` ON `profiles` (`email_key`);