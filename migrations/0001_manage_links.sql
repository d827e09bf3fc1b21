CREATE TABLE `manage_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`registration_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `manage_links_token` ON `manage_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `manage_links_registration` ON `manage_links` (`registration_id`);