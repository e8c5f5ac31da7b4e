CREATE TABLE `meeting_item` (
	`id` integer PRIMARY KEY NOT NULL,
	`session_id` integer NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`poll_id` integer,
	`cycle_id` integer,
	`minutes` text DEFAULT '' NOT NULL,
	`decision` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycle`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_item_session` ON `meeting_item` (`session_id`,`position`);--> statement-breakpoint
CREATE TABLE `meeting_item_opinion` (
	`meeting_item_id` integer NOT NULL,
	`opinion_item_id` integer NOT NULL,
	PRIMARY KEY(`meeting_item_id`, `opinion_item_id`),
	FOREIGN KEY (`meeting_item_id`) REFERENCES `meeting_item`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`opinion_item_id`) REFERENCES `opinion_item`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meeting_item_opinion_item` ON `meeting_item_opinion` (`opinion_item_id`);--> statement-breakpoint
CREATE TABLE `meeting_minutes` (
	`session_id` integer PRIMARY KEY NOT NULL,
	`chair` text DEFAULT '' NOT NULL,
	`recorder` text DEFAULT '' NOT NULL,
	`signed_off_at` integer,
	`signed_off_by` integer,
	`updated_at` integer NOT NULL,
	`updated_by` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signed_off_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
