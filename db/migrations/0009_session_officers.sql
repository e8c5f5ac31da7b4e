CREATE TABLE `session_officer` (
	`id` integer PRIMARY KEY NOT NULL,
	`session_id` integer NOT NULL,
	`role` text NOT NULL,
	`representative_id` integer,
	`user_id` integer,
	`name` text NOT NULL,
	`assigned_by` integer NOT NULL,
	`assigned_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`representative_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_officer_session` ON `session_officer` (`session_id`);--> statement-breakpoint
CREATE INDEX `session_officer_user` ON `session_officer` (`user_id`);--> statement-breakpoint
ALTER TABLE `poll` ADD `rule` text;