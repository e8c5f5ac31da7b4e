CREATE TABLE `duty_activity` (
	`id` integer PRIMARY KEY NOT NULL,
	`jurisdiction_id` integer NOT NULL,
	`representative_id` integer NOT NULL,
	`kind` text NOT NULL,
	`date` text NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`detail` text NOT NULL,
	`recorded_by` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	`withdrawn_at` integer,
	`withdrawn_by` integer,
	`withdraw_reason` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`jurisdiction_id`) REFERENCES `jurisdiction`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`representative_id`) REFERENCES `representative`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`withdrawn_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `duty_activity_rep` ON `duty_activity` (`representative_id`,`date`);--> statement-breakpoint
CREATE INDEX `duty_activity_jurisdiction` ON `duty_activity` (`jurisdiction_id`);