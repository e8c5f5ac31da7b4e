-- A resident's own opinion (a station's form, a representative's QR code) has no representative who raised it:
-- opinion_item.raised_by_id and recorded_by become optional. SQLite changes a column's NOT NULL only by rebuilding the table, and
-- migrations run inside one transaction, where PRAGMA foreign_keys=OFF has no effect: the rows pointing at
-- opinion_item would stop its DROP. They are set aside first and put back, ids unchanged, once the table is rebuilt.
CREATE TEMP TABLE `kept_opinion_attachment` AS SELECT * FROM `opinion_attachment`;--> statement-breakpoint
DELETE FROM `opinion_attachment`;--> statement-breakpoint
CREATE TEMP TABLE `kept_opinion_follow_up` AS SELECT * FROM `opinion_follow_up`;--> statement-breakpoint
DELETE FROM `opinion_follow_up`;--> statement-breakpoint
CREATE TEMP TABLE `kept_suggestion` AS SELECT * FROM `suggestion`;--> statement-breakpoint
DELETE FROM `suggestion`;--> statement-breakpoint
CREATE TEMP TABLE `kept_meeting_item_opinion` AS SELECT * FROM `meeting_item_opinion`;--> statement-breakpoint
DELETE FROM `meeting_item_opinion`;--> statement-breakpoint
CREATE TABLE `__new_opinion_item` (
	`id` integer PRIMARY KEY NOT NULL,
	`jurisdiction_id` integer NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`raised_by_id` integer,
	`recorded_by` integer,
	`channel` text NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`affected` integer,
	`category` text NOT NULL,
	`state` text DEFAULT 'recorded' NOT NULL,
	`recorded_at` integer NOT NULL,
	`triaged_at` integer,
	`triaged_by` integer,
	`response` text DEFAULT '' NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`handed_to_rep_id` integer,
	`station_id` integer,
	`receipt` text,
	`contact_name` text DEFAULT '' NOT NULL,
	`contact_phone` text DEFAULT '' NOT NULL,
	`addressed_to_rep_id` integer,
	`referral_level` text,
	`referred_on` text,
	`due_on` text,
	`extended_to` text,
	`extension_reason` text DEFAULT '' NOT NULL,
	`reply` text DEFAULT '' NOT NULL,
	`replied_on` text,
	`proposal_id` integer,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdiction`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`raised_by_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`triaged_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handed_to_rep_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `station`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`addressed_to_rep_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposal`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_opinion_item`("id", "jurisdiction_id", "year", "seq", "raised_by_id", "recorded_by", "channel", "title", "text", "place", "affected", "category", "state", "recorded_at", "triaged_at", "triaged_by", "response", "department", "handed_to_rep_id", "station_id", "receipt", "contact_name", "contact_phone", "addressed_to_rep_id", "referral_level", "referred_on", "due_on", "extended_to", "extension_reason", "reply", "replied_on", "proposal_id") SELECT "id", "jurisdiction_id", "year", "seq", "raised_by_id", "recorded_by", "channel", "title", "text", "place", "affected", "category", "state", "recorded_at", "triaged_at", "triaged_by", "response", "department", "handed_to_rep_id", "station_id", "receipt", "contact_name", "contact_phone", "addressed_to_rep_id", "referral_level", "referred_on", "due_on", "extended_to", "extension_reason", "reply", "replied_on", "proposal_id" FROM `opinion_item`;--> statement-breakpoint
DROP TABLE `opinion_item`;--> statement-breakpoint
ALTER TABLE `__new_opinion_item` RENAME TO `opinion_item`;--> statement-breakpoint
CREATE UNIQUE INDEX `opinion_item_receipt_unique` ON `opinion_item` (`receipt`);--> statement-breakpoint
CREATE UNIQUE INDEX `opinion_item_number` ON `opinion_item` (`jurisdiction_id`,`year`,`seq`);--> statement-breakpoint
CREATE INDEX `opinion_item_state` ON `opinion_item` (`jurisdiction_id`,`state`);--> statement-breakpoint
CREATE INDEX `opinion_item_raised_by` ON `opinion_item` (`raised_by_id`);--> statement-breakpoint
CREATE INDEX `opinion_item_handed_to` ON `opinion_item` (`handed_to_rep_id`);--> statement-breakpoint
CREATE INDEX `opinion_item_station` ON `opinion_item` (`station_id`);--> statement-breakpoint
CREATE INDEX `opinion_item_addressed_to` ON `opinion_item` (`addressed_to_rep_id`);--> statement-breakpoint
INSERT INTO `opinion_attachment` SELECT * FROM `kept_opinion_attachment`;--> statement-breakpoint
DROP TABLE `kept_opinion_attachment`;--> statement-breakpoint
INSERT INTO `opinion_follow_up` SELECT * FROM `kept_opinion_follow_up`;--> statement-breakpoint
DROP TABLE `kept_opinion_follow_up`;--> statement-breakpoint
INSERT INTO `suggestion` SELECT * FROM `kept_suggestion`;--> statement-breakpoint
DROP TABLE `kept_suggestion`;--> statement-breakpoint
INSERT INTO `meeting_item_opinion` SELECT * FROM `kept_meeting_item_opinion`;--> statement-breakpoint
DROP TABLE `kept_meeting_item_opinion`;
