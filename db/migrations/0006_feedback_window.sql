CREATE TABLE `feedback_window` (
	`cycle_id` integer PRIMARY KEY NOT NULL,
	`opens` text NOT NULL,
	`closes` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `cycle`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
