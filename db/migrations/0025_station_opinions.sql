CREATE TABLE `opinion_follow_up` (
	`id` integer PRIMARY KEY NOT NULL,
	`opinion_item_id` integer NOT NULL,
	`note` text NOT NULL,
	`by` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`opinion_item_id`) REFERENCES `opinion_item`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `opinion_follow_up_item` ON `opinion_follow_up` (`opinion_item_id`);--> statement-breakpoint
CREATE TABLE `rep_contact_code` (
	`token` text PRIMARY KEY NOT NULL,
	`representative_id` integer NOT NULL,
	`station_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`representative_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`station_id`) REFERENCES `station`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rep_contact_code_representative_id_unique` ON `rep_contact_code` (`representative_id`);--> statement-breakpoint
ALTER TABLE `opinion_item` ADD `station_id` integer REFERENCES station(id);--> statement-breakpoint
ALTER TABLE `opinion_item` ADD `receipt` text;--> statement-breakpoint
ALTER TABLE `opinion_item` ADD `contact_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `opinion_item` ADD `contact_phone` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `opinion_item` ADD `addressed_to_rep_id` integer REFERENCES representative(id);--> statement-breakpoint
ALTER TABLE `opinion_item` ADD `referral_level` text;--> statement-breakpoint
ALTER TABLE `opinion_item` ADD `referred_on` text;--> statement-breakpoint
ALTER TABLE `opinion_item` ADD `due_on` text;--> statement-breakpoint
ALTER TABLE `opinion_item` ADD `extended_to` text;--> statement-breakpoint
ALTER TABLE `opinion_item` ADD `extension_reason` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `opinion_item` ADD `reply` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `opinion_item` ADD `replied_on` text;--> statement-breakpoint
ALTER TABLE `opinion_item` ADD `proposal_id` integer REFERENCES proposal(id);--> statement-breakpoint
CREATE UNIQUE INDEX `opinion_item_receipt_unique` ON `opinion_item` (`receipt`);--> statement-breakpoint
CREATE INDEX `opinion_item_station` ON `opinion_item` (`station_id`);--> statement-breakpoint
CREATE INDEX `opinion_item_addressed_to` ON `opinion_item` (`addressed_to_rep_id`);