CREATE TABLE `attendance_event` (
	`id` integer PRIMARY KEY NOT NULL,
	`session_id` integer NOT NULL,
	`representative_id` integer NOT NULL,
	`state` text,
	`correction` integer DEFAULT false NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`at` integer NOT NULL,
	`by` integer,
	FOREIGN KEY (`session_id`) REFERENCES `session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`representative_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attendance_event_rep` ON `attendance_event` (`session_id`,`representative_id`);--> statement-breakpoint
CREATE TABLE `poll_roll` (
	`poll_id` integer NOT NULL,
	`moment` text NOT NULL,
	`representative_id` integer NOT NULL,
	`state` text NOT NULL,
	PRIMARY KEY(`poll_id`, `moment`, `representative_id`),
	FOREIGN KEY (`poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`representative_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `attendance` ADD `state` text DEFAULT 'present' NOT NULL;--> statement-breakpoint
ALTER TABLE `attendance` ADD `reason` text DEFAULT '' NOT NULL;