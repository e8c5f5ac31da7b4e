CREATE TABLE `opinion_attachment` (
	`id` integer PRIMARY KEY NOT NULL,
	`opinion_item_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`stored_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`opinion_item_id`) REFERENCES `opinion_item`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `opinion_attachment_stored_name_unique` ON `opinion_attachment` (`stored_name`);--> statement-breakpoint
CREATE INDEX `opinion_attachment_item` ON `opinion_attachment` (`opinion_item_id`);--> statement-breakpoint
CREATE TABLE `opinion_item` (
	`id` integer PRIMARY KEY NOT NULL,
	`jurisdiction_id` integer NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`raised_by_id` integer NOT NULL,
	`recorded_by` integer NOT NULL,
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
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdiction`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`raised_by_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`triaged_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handed_to_rep_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `opinion_item_number` ON `opinion_item` (`jurisdiction_id`,`year`,`seq`);--> statement-breakpoint
CREATE INDEX `opinion_item_state` ON `opinion_item` (`jurisdiction_id`,`state`);--> statement-breakpoint
CREATE INDEX `opinion_item_raised_by` ON `opinion_item` (`raised_by_id`);--> statement-breakpoint
CREATE INDEX `opinion_item_handed_to` ON `opinion_item` (`handed_to_rep_id`);--> statement-breakpoint
CREATE TABLE `suggestion` (
	`id` integer PRIMARY KEY NOT NULL,
	`opinion_item_id` integer NOT NULL,
	`jurisdiction_id` integer NOT NULL,
	`representative_id` integer NOT NULL,
	`title` text NOT NULL,
	`text` text NOT NULL,
	`unit_name` text NOT NULL,
	`unit_user_id` integer,
	`assigned_on` text NOT NULL,
	`due_on` text NOT NULL,
	`extended_to` text,
	`extension_approved_by` text DEFAULT '' NOT NULL,
	`extension_approved_on` text,
	`extension_reason` text DEFAULT '' NOT NULL,
	`extended_at` integer,
	`extended_by` integer,
	`answer` text DEFAULT '' NOT NULL,
	`answered_on` text,
	`answered_at` integer,
	`answered_by` integer,
	`satisfaction` text,
	`satisfaction_note` text DEFAULT '' NOT NULL,
	`rated_at` integer,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`opinion_item_id`) REFERENCES `opinion_item`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdiction`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`representative_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`extended_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `suggestion_opinion_item_id_unique` ON `suggestion` (`opinion_item_id`);--> statement-breakpoint
CREATE INDEX `suggestion_jurisdiction` ON `suggestion` (`jurisdiction_id`);--> statement-breakpoint
CREATE INDEX `suggestion_representative` ON `suggestion` (`representative_id`);--> statement-breakpoint
CREATE INDEX `suggestion_unit` ON `suggestion` (`unit_user_id`);