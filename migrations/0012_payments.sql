-- Paid tickets (issue #15). A registration in status 'awaiting_payment' holds a place until its
-- order's expires_at and counts against capacity like a confirmed one (db/registrations.ts).
ALTER TABLE `registrations` ADD `order_id` text;
--> statement-breakpoint
ALTER TABLE `registrations` ADD `ticket_type` text;
--> statement-breakpoint
ALTER TABLE `registrations` ADD `price_minor` integer;
--> statement-breakpoint
CREATE INDEX `registrations_order` ON `registrations` (`order_id`);
--> statement-breakpoint
CREATE INDEX `registrations_event_ticket` ON `registrations` (`event_id`,`ticket_type`,`status`);
--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`buyer_registration_id` integer,
	`buyer_email_key` text NOT NULL,
	`status` text NOT NULL,
	`currency` text NOT NULL,
	`amount_subtotal` integer NOT NULL,
	`amount_discount` integer DEFAULT 0 NOT NULL,
	`amount_tax` integer DEFAULT 0 NOT NULL,
	`amount_total` integer NOT NULL,
	`amount_refunded` integer DEFAULT 0 NOT NULL,
	`voucher_id` integer,
	`solidarity_count` integer DEFAULT 0 NOT NULL,
	`stripe_session_id` text,
	`stripe_payment_intent` text,
	`checkout_url` text,
	`expires_at` text NOT NULL,
	`paid_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_stripe_session` ON `orders` (`stripe_session_id`);
--> statement-breakpoint
CREATE INDEX `orders_event` ON `orders` (`event_id`,`status`,`created_at`);
--> statement-breakpoint
CREATE INDEX `orders_expiry` ON `orders` (`status`,`expires_at`);
--> statement-breakpoint
CREATE INDEX `orders_payment_intent` ON `orders` (`stripe_payment_intent`);
--> statement-breakpoint
CREATE TABLE `solidarity_tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`order_id` text NOT NULL,
	`ticket_type` text NOT NULL,
	`price_minor` integer NOT NULL,
	`status` text NOT NULL,
	`registration_id` integer,
	`given_at` text
);
--> statement-breakpoint
CREATE INDEX `solidarity_tickets_event` ON `solidarity_tickets` (`event_id`,`status`);
--> statement-breakpoint
CREATE INDEX `solidarity_tickets_order` ON `solidarity_tickets` (`order_id`);
--> statement-breakpoint
CREATE TABLE `stripe_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`order_id` text,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` text NOT NULL,
	`stripe_refund_id` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`reason` text NOT NULL,
	`by` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_stripe_refund` ON `refunds` (`stripe_refund_id`);
--> statement-breakpoint
CREATE INDEX `refunds_order` ON `refunds` (`order_id`);
--> statement-breakpoint
CREATE TABLE `vouchers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`hint` text NOT NULL,
	`kind` text NOT NULL,
	`value` integer,
	`ticket_type` text,
	`max_uses` integer NOT NULL,
	`uses` integer DEFAULT 0 NOT NULL,
	`valid_until` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`disabled_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vouchers_code` ON `vouchers` (`event_id`,`code_hash`);
