CREATE TABLE `voting_procedure` (
	`session_id` integer PRIMARY KEY NOT NULL,
	`text` text NOT NULL,
	`rule` text NOT NULL,
	`for_votes` integer NOT NULL,
	`against_votes` integer NOT NULL,
	`abstentions` integer NOT NULL,
	`adopted_by` integer NOT NULL,
	`adopted_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `session`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`adopted_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `poll` ADD `ballot_form` text DEFAULT 'perItem' NOT NULL;