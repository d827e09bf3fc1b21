-- Refunds owed to people who cancelled while Stripe could not be reached (issue #15 review): the
-- cron retries each with the same Idempotency-Key until it is made; one per cancelled registration.
CREATE TABLE `owed_refunds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` text NOT NULL,
	`event_id` text NOT NULL,
	`registration_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`settled_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `owed_refunds_registration` ON `owed_refunds` (`registration_id`);--> statement-breakpoint
CREATE INDEX `owed_refunds_open` ON `owed_refunds` (`settled_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `owed_refunds_order` ON `owed_refunds` (`order_id`);