CREATE TABLE `closure_signature` (
	`poll_id` integer NOT NULL,
	`officer_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`name` text NOT NULL,
	`digest` text NOT NULL,
	`signed_at` integer NOT NULL,
	PRIMARY KEY(`poll_id`, `officer_id`),
	FOREIGN KEY (`poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`officer_id`) REFERENCES `session_officer`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
