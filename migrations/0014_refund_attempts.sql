-- An event cancellation's refund that Stripe did not make is tried again at later runs, after the
-- orders not tried as often (issue #15 review): one failing order no longer holds up the others.
ALTER TABLE `orders` ADD `refund_attempts` integer DEFAULT 0 NOT NULL;
