-- The personal calendar link itself, sealed with the CALENDAR_LINK_KEY secret (AES-GCM, bound to
-- its person), so its owner can see it again; the feed is still found by token_hash.
ALTER TABLE `personal_feeds` ADD `token_sealed` text;
